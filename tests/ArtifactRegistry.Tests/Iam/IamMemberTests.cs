using ArtifactRegistry.Hints;
using ArtifactRegistry.Iam;

namespace ArtifactRegistry.Tests.Iam;

public class IamMemberTests
{
    [TestCase("serviceAccount:gke-nodes@cluster-project.iam.gserviceaccount.com", "ServiceAccount", "gke-nodes@cluster-project.iam.gserviceaccount.com")]
    [TestCase("user:ana@example.com", "User", "ana@example.com")]
    [TestCase("group:deployers@example.com", "Group", "deployers@example.com")]
    [TestCase("domain:example.com", "Domain", "example.com")]
    [TestCase("principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/github/subject/repo:o/r:ref:refs/heads/main",
        "Principal", "principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/github/subject/repo:o/r:ref:refs/heads/main")]
    [TestCase("principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/github/attribute.repository/o/r",
        "PrincipalSet", "principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/github/attribute.repository/o/r")]
    [TestCase("allUsers", "AllUsers", "allUsers")]
    [TestCase("  user:ana@example.com\n", "User", "ana@example.com")]
    public void Each_member_form_IAM_accepts_is_read_and_written_back_unchanged(string text, string kind, string value)
    {
        var member = IamMember.Parse(text);

        Assert.That(member.Kind.ToString(), Is.EqualTo(kind));
        Assert.That(member.Value, Is.EqualTo(value));
        Assert.That(member.ToString(), Is.EqualTo(text.Trim()));
    }

    [TestCase("gke-nodes@cluster-project.iam.gserviceaccount.com", "serviceAccount:gke-nodes@cluster-project.iam.gserviceaccount.com")]
    [TestCase("ana@example.com", "user:ana@example.com (or group:ana@example.com")]
    [TestCase("serviceaccount:nodes@p.iam.gserviceaccount.com", "serviceAccount:nodes@p.iam.gserviceaccount.com")]
    [TestCase("serviceAccount:nodes", "serviceAccount:NAME@PROJECT.iam.gserviceaccount.com")]
    [TestCase("principal://example.com/subject/x", "principal://iam.googleapis.com/projects/PROJECT_NUMBER/")]
    [TestCase("deleted:serviceAccount:old@p.iam.gserviceaccount.com", "deleted principal")]
    [TestCase("", "empty")]
    [TestCase("robot", "not one IAM accepts")]
    [TestCase("user:ana@example.com,user:bob@example.com", "one at a time")]
    [TestCase("user:ana@example.com user:bob@example.com", "whitespace")]
    public void A_member_IAM_would_refuse_is_refused_with_the_form_to_write(string text, string fix)
    {
        var error = Assert.Throws<SettingsException>(() => IamMember.Parse(text))!;

        Assert.That(error.Message, Does.Contain(fix));
    }

    [TestCase("serviceAccount:123456789012-compute@developer.gserviceaccount.com", true)]
    [TestCase("serviceAccount:gke-nodes@cluster-project.iam.gserviceaccount.com", false)]
    [TestCase("user:123456789012-compute@developer.gserviceaccount.com", false)]
    [TestCase("serviceAccount:compute@developer.gserviceaccount.com", false)]
    public void A_Compute_Engine_default_account_is_recognised_by_its_form(string text, bool isDefault)
    {
        Assert.That(IamMember.Parse(text).IsComputeEngineDefault, Is.EqualTo(isDefault));
    }
}
