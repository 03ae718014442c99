using System.Diagnostics;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.Rollouts;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>
/// An image without a build for the nodes' platform: SetImage fails on the kubelet's first pull error (not at the progress
/// deadline) with the platforms the image has, read from Artifact Registry, the nodes' platforms, read from the cluster, and the fix.
/// </summary>
public sealed class PlatformMismatchTests
{
    private const string ArmNode = "gke-sandbox-arm-pool-5e6f7a8b-k9rm";

    [Test]
    public async Task An_amd64_only_index_on_an_arm64_cluster_fails_within_seconds_naming_both_platforms_and_the_fix()
    {
        await using var world = await DeployWorld.StartAsync(SandboxClusterOptions.Default.WithNodes(
            new SandboxClusterNode(ArmNode, "arm64", Pool: "arm-pool"), new SandboxClusterNode("gke-sandbox-arm-pool-5e6f7a8b-w3zt", "arm64", Pool: "arm-pool")));
        var running = await world.Images.PushIndexAsync($"{DeployWorld.Readable}/api:1", "api v1", SandboxPrincipals.Admin, "amd64", "arm64");
        var amd64Only = await world.Images.PushIndexAsync($"{DeployWorld.Readable}/api:2", "api v2", SandboxPrincipals.Admin, "amd64");
        await world.CreateDeploymentAsync("api", 2, null, ("api", running.ToString()));

        var clock = Stopwatch.StartNew();
        var exception = await Assert.ThrowsAsync<RolloutFailedException>(async () => await SetImage.RunAsync(await world.ContextAsync(),
            s => s.SetImage(amd64Only).SetWorkloads("deployment/api").SetNamespace(DeployWorld.Namespace).SetRolloutTimeout(TimeSpan.FromMinutes(5))));
        clock.Stop();
        TestContext.Out.WriteLine($"SetImage failed after {clock.Elapsed.TotalSeconds:0.0} s (progress deadline 600 s, timeout 5 min):{Environment.NewLine}{exception!.Message}");

        var diagnosis = exception!.Result.Workloads.Single().Diagnosis!;
        Assert.Multiple(() =>
        {
            Assert.That(diagnosis.Kind, Is.EqualTo(RolloutFailureKind.ImagePull), "the pull error ended it, not the deadline or the timeout");
            Assert.That(diagnosis.PullProblem, Is.EqualTo(ImagePullProblem.PlatformMismatch));
            Assert.That(exception.Message, Does.StartWith("deployment/api in namespace shop cannot start: pod api-"));
            Assert.That(exception.Message, Does.Contain($"failed to pull and unpack image \"{amd64Only}\": no match for platform in manifest: not found"));
            Assert.That(exception.Message, Does.Contain($"{amd64Only} is built for linux/amd64 only, and node {ArmNode} is linux/arm64")
                .Or.Contain($"{amd64Only} is built for linux/amd64 only, and node gke-sandbox-arm-pool-5e6f7a8b-w3zt is linux/arm64"));
            Assert.That(exception.Message, Does.Contain("The cluster's nodes are linux/arm64 (2 nodes)."));
            Assert.That(exception.Message, Does.Contain("SetPlatforms(\"linux/amd64,linux/arm64\") in BuildAndPush"));
            Assert.That(exception.Message, Does.Contain("so a node selector cannot help"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(600)), "well before the progress deadline");
        });
    }

    [Test]
    public async Task A_single_amd64_image_on_an_arm64_cluster_crash_loops_and_the_exec_format_error_is_explained()
    {
        await using var world = await DeployWorld.StartAsync(SandboxClusterOptions.Default.WithNodes(new SandboxClusterNode(ArmNode, "arm64", Pool: "arm-pool")));
        var running = await world.Images.PushIndexAsync($"{DeployWorld.Readable}/single:1", "single v1", SandboxPrincipals.Admin, "amd64", "arm64");
        var amd64Image = await world.PushAsync(DeployWorld.Readable, "single:2", "single v2 amd64");
        await world.CreateDeploymentAsync("single", 1, null, ("single", running.ToString()));

        var exception = await Assert.ThrowsAsync<RolloutFailedException>(async () => await SetImage.RunAsync(await world.ContextAsync(),
            s => s.SetImage(amd64Image).SetWorkloads("deployment/single").SetNamespace(DeployWorld.Namespace).SetRolloutTimeout(TimeSpan.FromMinutes(5))));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Result.Workloads.Single().Diagnosis!.Kind, Is.EqualTo(RolloutFailureKind.CrashLoop));
            Assert.That(exception.Message, Does.Contain("last exit code 255 (Error)"));
            Assert.That(exception.Message, Does.Contain("    exec /bin/sh: exec format error"));
            Assert.That(exception.Message, Does.Contain($"`exec format error` means the image's program was built for another architecture than node {ArmNode} (linux/arm64) can execute"));
            Assert.That(exception.Message, Does.Contain("SetPlatforms(\"linux/arm64\") in BuildAndPush"));
        });
    }

    [Test]
    public async Task A_two_platform_index_rolls_out_on_a_cluster_of_both_architectures()
    {
        await using var world = await DeployWorld.StartAsync(SandboxClusterOptions.Default.WithNodes(
            new SandboxClusterNode("gke-sandbox-default-pool-1a2b3c4d-0m2q"), new SandboxClusterNode(ArmNode, "arm64", Pool: "arm-pool")));
        var running = await world.Images.PushIndexAsync($"{DeployWorld.Readable}/both:1", "both v1", SandboxPrincipals.Admin, "amd64", "arm64");
        var next = await world.Images.PushIndexAsync($"{DeployWorld.Readable}/both:2", "both v2", SandboxPrincipals.Admin, "amd64", "arm64");
        await world.CreateDeploymentAsync("both", 2, null, ("both", running.ToString()));

        var result = await SetImage.RunAsync(await world.ContextAsync(), s => s.SetImage(next).SetWorkloads("deployment/both").SetNamespace(DeployWorld.Namespace));

        Assert.That(result.Workloads.Single().Outcome, Is.EqualTo(RolloutOutcome.RolledOut));
        Assert.That(await world.PodImagesAsync("both", "both"), Is.EqualTo(new[] { next.ToString() }));
    }
}
