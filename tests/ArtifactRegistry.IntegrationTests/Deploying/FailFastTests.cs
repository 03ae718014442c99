using System.Diagnostics;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.Rollouts;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>Rollouts that cannot succeed end with the diagnosis, not at the deadline; each test has its own cluster, since one grants IAM.</summary>
public sealed class FailFastTests
{
    [Test]
    public async Task A_node_account_without_reader_fails_fast_with_the_grant_and_passes_after_it()
    {
        await using var world = await DeployWorld.StartAsync();
        var running = await world.PushAsync(DeployWorld.Readable, "api:1", "api v1");
        var elsewhere = await world.PushAsync(DeployWorld.Unreadable, "api:2", "api v2");
        await world.CreateDeploymentAsync("api", 2, null, ("api", running.ToString()));
        var context = await world.ContextAsync();

        var clock = Stopwatch.StartNew();
        var exception = await Assert.ThrowsAsync<RolloutFailedException>(async () =>
            await SetImage.RunAsync(context, s => s.SetImage(elsewhere).SetWorkloads("deployment/api").SetNamespace(DeployWorld.Namespace)));
        clock.Stop();

        var failure = exception!.Result.Workloads.Single();
        Assert.Multiple(() =>
        {
            Assert.That(failure.Diagnosis!.PullProblem, Is.EqualTo(ImagePullProblem.PermissionDenied));
            Assert.That(exception.Message, Does.StartWith($"deployment/api in namespace shop cannot start: pod api-"));
            Assert.That(exception.Message, Does.Contain("403 Forbidden"));
            Assert.That(exception.Message, Does.Contain(
                "gcloud artifacts repositories add-iam-policy-binding sample --location=asia --project=sample-project " +
                $"--member=serviceAccount:{SandboxPrincipals.GkeNodes} --role=roles/artifactregistry.reader"), "the node pool's account, read from the GKE API");
            Assert.That(exception.Message, Does.Not.Contain("Compute Engine default"));
        });

        world.Sandbox.Grant("projects/sample-project/locations/asia/repositories/sample", "roles/artifactregistry.reader", SandboxServer.MemberOf(SandboxPrincipals.GkeNodes));
        var result = await SetImage.RunAsync(context, s => s.SetImage(elsewhere).SetWorkloads("deployment/api").SetNamespace(DeployWorld.Namespace));

        Assert.That(result.Workloads.Single().Outcome, Is.EqualTo(RolloutOutcome.Unchanged).Or.EqualTo(RolloutOutcome.RolledOut),
            "the template already has the digest; the pods pull it once the grant is in place, and SetImage waits for that");
        Assert.That(await world.PodImagesAsync("api", "api"), Is.EqualTo(new[] { elsewhere.ToString() }));
    }

    [Test]
    public async Task A_digest_the_registry_does_not_have_names_the_digest_and_the_likely_causes()
    {
        await using var world = await DeployWorld.StartAsync();
        var running = await world.PushAsync(DeployWorld.Readable, "gone:1", "gone v1");
        await world.CreateDeploymentAsync("gone", 1, null, ("gone", running.ToString()));
        var missing = running.WithTag("2").WithDigest("sha256:" + new string('0', 64));

        var exception = await Assert.ThrowsAsync<RolloutFailedException>(async () =>
            await SetImage.RunAsync(await world.ContextAsync(), s => s.SetImage(missing).SetWorkloads("deployment/gone").SetNamespace(DeployWorld.Namespace)));

        Assert.That(exception!.Result.Workloads.Single().Diagnosis!.PullProblem, Is.EqualTo(ImagePullProblem.NotFound));
        Assert.That(exception.Message, Does.Contain($"The registry has no image sha256:{new string('0', 64)} in {running.Name}"));
    }

    [Test]
    public async Task The_progress_deadline_ends_the_rollout_when_nothing_else_explains_it()
    {
        await using var world = await DeployWorld.StartAsync();
        var running = await world.PushAsync(DeployWorld.Readable, "slow:1", "slow v1");
        // Never ready within the deadline: no crash, no pull error, just no progress.
        var slow = await world.PushAsync(DeployWorld.Readable, "slow:2", "slow v2", ("sandbox.start-delay", "10m"));
        await world.CreateDeploymentAsync("slow", 1, 1, ("slow", running.ToString()));

        var exception = await Assert.ThrowsAsync<RolloutFailedException>(async () =>
            await SetImage.RunAsync(await world.ContextAsync(), s => s.SetImage(slow).SetWorkloads("deployment/slow").SetNamespace(DeployWorld.Namespace)));

        Assert.That(exception!.Result.Workloads.Single().Diagnosis!.Kind, Is.EqualTo(RolloutFailureKind.ProgressDeadlineExceeded));
        Assert.That(exception.Message, Does.StartWith("deployment/slow in namespace shop made no progress within its progressDeadlineSeconds (1 s)"));
    }

    [Test]
    public async Task Its_own_timeout_ends_a_rollout_that_is_still_going()
    {
        await using var world = await DeployWorld.StartAsync();
        var running = await world.PushAsync(DeployWorld.Readable, "wait:1", "wait v1");
        var slow = await world.PushAsync(DeployWorld.Readable, "wait:2", "wait v2", ("sandbox.start-delay", "10m"));
        await world.CreateDeploymentAsync("wait", 1, null, ("wait", running.ToString()));

        var exception = await Assert.ThrowsAsync<RolloutFailedException>(async () =>
            await SetImage.RunAsync(await world.ContextAsync(), s => s.SetImage(slow).SetWorkloads("deployment/wait").SetNamespace(DeployWorld.Namespace).SetRolloutTimeout("1s")));

        Assert.That(exception!.Result.Workloads.Single().Diagnosis!.Kind, Is.EqualTo(RolloutFailureKind.Timeout));
        Assert.That(exception.Message, Does.StartWith("deployment/wait in namespace shop did not finish rolling out within 1 s"));
    }
}
