using ArtifactRegistry.Hints;
using ArtifactRegistry.Rollouts;

namespace ArtifactRegistry.Tests.Rollouts;

public sealed class WorkloadReferenceTests
{
    [TestCase("deployment/api", WorkloadKind.Deployment, "api")]
    [TestCase("deploy/api", WorkloadKind.Deployment, "api")]
    [TestCase("deployments.apps/api", WorkloadKind.Deployment, "api")]
    [TestCase("statefulset/db-0.x", WorkloadKind.StatefulSet, "db-0.x")]
    [TestCase("sts/db", WorkloadKind.StatefulSet, "db")]
    [TestCase("DaemonSet/agent", WorkloadKind.DaemonSet, "agent")]
    [TestCase(" ds/agent ", WorkloadKind.DaemonSet, "agent")]
    public void Kubectl_forms_of_a_workload_are_read(string text, WorkloadKind kind, string name) =>
        Assert.That(WorkloadReference.Parse(text), Is.EqualTo(new WorkloadReference(kind, name)));

    [Test]
    public void A_workload_prints_as_kubectl_writes_it() =>
        Assert.That(WorkloadReference.Parse("deploy/api").ToString(), Is.EqualTo("deployment/api"));

    [Test]
    public void A_bare_name_is_refused_with_the_kind_spelled_out() =>
        Assert.That(() => WorkloadReference.Parse("api"),
            Throws.TypeOf<SettingsException>().With.Message.EqualTo(
                "Workload 'api' does not say its kind. Write the workload as deployment/NAME, statefulset/NAME or daemonset/NAME, so e.g. deployment/api." +
                Environment.NewLine + "Name the workload as kubectl does, with SetWorkloads(\"deployment/NAME\")."));

    [Test]
    public void A_kind_set_image_cannot_roll_out_is_refused() =>
        Assert.That(() => WorkloadReference.Parse("job/migrate"),
            Throws.TypeOf<SettingsException>().With.Message.Contains("has kind 'job', which SetImage cannot roll out"));

    [TestCase("deployment/Api", "'Api' contains 'A'")]
    [TestCase("deployment/api_v2", "contains '_'")]
    [TestCase("deployment/-api", "must start and end with a letter or digit")]
    [TestCase("deployment/", "it is empty")]
    public void An_invalid_object_name_is_refused_saying_why(string text, string problem) =>
        Assert.That(() => WorkloadReference.Parse(text), Throws.TypeOf<SettingsException>().With.Message.Contains(problem));
}
