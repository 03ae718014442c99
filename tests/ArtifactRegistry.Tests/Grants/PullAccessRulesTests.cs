using System.Text.Json;
using ArtifactRegistry.Grants;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Tests.Grants;

public class PullAccessRulesTests
{
    private const string Nodes = "serviceAccount:gke-nodes@cluster-project.iam.gserviceaccount.com";
    private static readonly IamMember Member = IamMember.Parse(Nodes);

    [Test]
    public void A_reader_binding_on_the_repository_lets_the_member_pull_and_is_named()
    {
        var (verdict, bindings, notChecked) = PullAccessRules.Judge(Member, Policy(("roles/artifactregistry.reader", Nodes)), Policy(), []);

        Assert.That(verdict, Is.EqualTo(PullAccessVerdict.Allowed));
        Assert.That(bindings, Is.EqualTo(new[] { new PullAccessBinding(PullAccessScope.Repository, "roles/artifactregistry.reader", Nodes) }));
        Assert.That(notChecked, Is.Empty);
    }

    [TestCase("roles/artifactregistry.writer")]
    [TestCase("roles/viewer")]
    [TestCase("roles/editor")]
    public void A_project_role_that_includes_the_download_permission_lets_the_member_pull(string role)
    {
        var (verdict, bindings, _) = PullAccessRules.Judge(Member, Policy(), Policy((role, Nodes)), []);

        Assert.That(verdict, Is.EqualTo(PullAccessVerdict.Allowed));
        Assert.That(bindings.Single().Scope, Is.EqualTo(PullAccessScope.Project));
    }

    [Test]
    public void Bindings_of_other_members_or_roles_without_the_download_permission_grant_nothing()
    {
        var (verdict, bindings, notChecked) = PullAccessRules.Judge(Member,
            Policy(("roles/artifactregistry.reader", "serviceAccount:other@p.iam.gserviceaccount.com")),
            Policy(("roles/container.developer", Nodes), ("roles/resourcemanager.projectIamAdmin", Nodes)), []);

        Assert.That(verdict, Is.EqualTo(PullAccessVerdict.NotGranted));
        Assert.That(bindings, Is.Empty);
        Assert.That(notChecked, Is.Empty);
    }

    [Test]
    public void Member_emails_compare_without_case_as_IAM_does()
    {
        var (verdict, _, _) = PullAccessRules.Judge(Member, Policy(("roles/artifactregistry.reader", Nodes.ToUpperInvariant().Replace("SERVICEACCOUNT:", "serviceAccount:"))), Policy(), []);

        Assert.That(verdict, Is.EqualTo(PullAccessVerdict.Allowed));
    }

    [Test]
    public void All_users_on_the_repository_let_anyone_pull()
    {
        var (verdict, bindings, _) = PullAccessRules.Judge(Member, Policy(("roles/artifactregistry.reader", "allUsers")), Policy(), []);

        Assert.That(verdict, Is.EqualTo(PullAccessVerdict.Allowed));
        Assert.That(bindings.Single().BoundMember, Is.EqualTo("allUsers"));
    }

    [Test]
    public void A_policy_that_could_not_be_read_makes_an_absent_grant_unknown_not_denied()
    {
        var (verdict, _, notChecked) = PullAccessRules.Judge(Member, Policy(), null, ["project sample-project's policy (no permission)."]);

        Assert.That(verdict, Is.EqualTo(PullAccessVerdict.Unknown));
        Assert.That(notChecked, Is.EqualTo(new[] { "project sample-project's policy (no permission)." }));
    }

    [Test]
    public void A_grant_found_on_the_repository_is_enough_even_when_the_project_policy_could_not_be_read()
    {
        var (verdict, _, notChecked) = PullAccessRules.Judge(Member, Policy(("roles/artifactregistry.reader", Nodes)), null, ["project policy unreadable."]);

        Assert.That(verdict, Is.EqualTo(PullAccessVerdict.Allowed));
        Assert.That(notChecked, Is.Empty);
    }

    [Test]
    public void Groups_conditions_and_custom_roles_are_reported_as_not_checked()
    {
        var conditional = Policy(("roles/artifactregistry.reader", Nodes)) with
        {
            Bindings = [new IamBinding { Role = "roles/artifactregistry.reader", Members = [Nodes], Condition = JsonDocument.Parse("""{"expression":"request.time < timestamp('2030-01-01T00:00:00Z')"}""").RootElement }],
        };
        var project = Policy(("roles/artifactregistry.reader", "group:nodes@example.com"), ("projects/p/roles/puller", Nodes));

        var (verdict, bindings, notChecked) = PullAccessRules.Judge(Member, conditional, project, []);

        Assert.That(verdict, Is.EqualTo(PullAccessVerdict.Unknown));
        Assert.That(bindings, Is.Empty);
        Assert.That(notChecked, Has.Count.EqualTo(3));
        Assert.That(notChecked, Has.Some.Contains("under a condition"));
        Assert.That(notChecked, Has.Some.Contains("group:nodes@example.com"));
        Assert.That(notChecked, Has.Some.Contains("custom role projects/p/roles/puller"));
    }

    private static IamPolicy Policy(params (string Role, string Member)[] bindings) => new()
    {
        Etag = "BwX",
        Bindings = bindings.GroupBy(b => b.Role).Select(g => new IamBinding { Role = g.Key, Members = g.Select(b => b.Member).ToList() }).ToList(),
    };
}
