using ArtifactRegistry.Rollouts;

namespace ArtifactRegistry.Tests.Rollouts;

public sealed class RolloutDiagnoserTests
{
    private const string Image = "asia-docker.pkg.dev/p/r/api:1@sha256:aaaa";

    /// <summary>containerd's message for an Artifact Registry refusal, as GKE's kubelet reports it.</summary>
    private const string Forbidden =
        "Failed to pull image \"" + Image + "\": rpc error: code = Unknown desc = failed to pull and unpack image \"" + Image + "\": failed to resolve reference \"" + Image +
        "\": failed to authorize: failed to fetch oauth token: unexpected status from GET request to https://asia-docker.pkg.dev/v2/token?scope=repository%3Ap%2Fr%2Fapi%3Apull&service=asia-docker.pkg.dev: 403 Forbidden";

    private static ContainerState Container(string? waiting = null, string? message = null, int restarts = 0, bool init = false) =>
        new("api", Image, null, init, false, restarts, waiting is null ? null : new ContainerWaiting(waiting, message), null);

    private static PodState Pod(string name, params ContainerState[] containers) => new(name, "node-1", "Pending", false, null, containers);

    [Test]
    public void Pods_that_are_still_starting_give_no_diagnosis() =>
        Assert.That(RolloutDiagnoser.Find([Pod("api-1", Container("ContainerCreating"))], []), Is.Null);

    [Test]
    public void An_image_pull_refusal_is_a_permission_problem_at_once()
    {
        var diagnosis = RolloutDiagnoser.Find([Pod("api-1", Container("ErrImagePull", Forbidden))], []);

        Assert.That(diagnosis, Is.EqualTo(new RolloutDiagnosis(RolloutFailureKind.ImagePull, "ErrImagePull", Forbidden, "api-1", "api", Image, "node-1",
            PullProblem: ImagePullProblem.PermissionDenied)));
    }

    [Test]
    public void A_back_off_message_is_replaced_by_the_kubelets_pull_error_from_the_events()
    {
        var pod = Pod("api-1", Container("ImagePullBackOff", $"Back-off pulling image \"{Image}\""));
        PodEvent[] events =
        [
            new("api-1", "Normal", "Pulling", $"Pulling image \"{Image}\"", DateTimeOffset.UnixEpoch),
            new("api-1", "Warning", "Failed", Forbidden, DateTimeOffset.UnixEpoch.AddSeconds(1)),
            new("api-1", "Warning", "Failed", "Error: ErrImagePull", DateTimeOffset.UnixEpoch.AddSeconds(2)),
            new("api-2", "Warning", "Failed", "Failed to pull image \"other\": not found", DateTimeOffset.UnixEpoch.AddSeconds(3)),
        ];

        Assert.That(RolloutDiagnoser.NeedsEvents([pod]), Is.True);
        var diagnosis = RolloutDiagnoser.Find([pod], events);

        Assert.That(diagnosis!.Detail, Is.EqualTo(Forbidden));
        Assert.That(diagnosis.PullProblem, Is.EqualTo(ImagePullProblem.PermissionDenied));
    }

    [TestCase("rpc error: code = NotFound desc = failed to pull and unpack image: not found", ImagePullProblem.NotFound)]
    [TestCase("manifest unknown: Failed to fetch \"sha256:…\"", ImagePullProblem.NotFound)]
    [TestCase("denied: Permission \"artifactregistry.repositories.downloadArtifacts\" denied on resource \"projects/p/locations/asia/repositories/r\" (or it may not exist)", ImagePullProblem.PermissionDenied)]
    [TestCase("dial tcp: lookup asia-docker.pkg.dev: i/o timeout", ImagePullProblem.Other)]
    public void Pull_errors_are_told_apart_by_the_registrys_answer(string message, ImagePullProblem problem) =>
        Assert.That(ImagePullProblems.Classify(message), Is.EqualTo(problem));

    [Test]
    public void A_crash_loop_is_diagnosed_with_its_restarts()
    {
        var crashing = Container("CrashLoopBackOff", "back-off 10s restarting failed container", restarts: 2) with { LastTermination = new ContainerTermination(1, "Error", null) };

        var diagnosis = RolloutDiagnoser.Find([Pod("api-1", crashing)], []);

        Assert.That(diagnosis!.Kind, Is.EqualTo(RolloutFailureKind.CrashLoop));
        Assert.That(diagnosis.RestartCount, Is.EqualTo(2));
        Assert.That(diagnosis.WantsLogs, Is.True);
    }

    [TestCase("CreateContainerConfigError", RolloutFailureKind.ContainerConfigError)]
    [TestCase("RunContainerError", RolloutFailureKind.RunContainerError)]
    [TestCase("CreateContainerError", RolloutFailureKind.RunContainerError)]
    [TestCase("InvalidImageName", RolloutFailureKind.InvalidImage)]
    public void Containers_that_cannot_be_created_or_started_fail_at_once(string reason, RolloutFailureKind kind) =>
        Assert.That(RolloutDiagnoser.Find([Pod("api-1", Container(reason, "secret \"db\" not found"))], [])!.Kind, Is.EqualTo(kind));

    [Test]
    public void An_unschedulable_pod_fails_unless_the_autoscaler_is_adding_a_node()
    {
        var pod = Pod("api-1") with { Unschedulable = "0/3 nodes are available: 3 Insufficient cpu." };

        Assert.That(RolloutDiagnoser.Find([pod], [])!.Detail, Is.EqualTo("0/3 nodes are available: 3 Insufficient cpu."));
        Assert.That(RolloutDiagnoser.Find([pod], [new PodEvent("api-1", "Normal", "TriggeredScaleUp", "pod triggered scale-up", null)]), Is.Null);
    }

    [Test]
    public void Terminating_pods_are_not_diagnosed() =>
        Assert.That(RolloutDiagnoser.Find([Pod("api-1", Container("CrashLoopBackOff")) with { IsTerminating = true }], []), Is.Null);

    [Test]
    public void Init_containers_are_looked_at_first_and_pods_in_name_order()
    {
        var diagnosis = RolloutDiagnoser.Find(
        [
            Pod("api-b", Container("CrashLoopBackOff")),
            Pod("api-a", Container("CrashLoopBackOff"), Container("CreateContainerConfigError", init: true) with { Name = "migrate" }),
        ], []);

        Assert.That((diagnosis!.PodName, diagnosis.ContainerName), Is.EqualTo(("api-a", "migrate")));
    }
}
