using ArtifactRegistry.IntegrationTests.BuildProcesses;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>The SetImage target of a user's NUKE build, run as its own process against the sandbox cluster.</summary>
[CancelAfter(300_000)]
public sealed class NukeSetImageTests
{
    [Test]
    public async Task The_SetImage_target_rolls_out_the_image_given_with_image_and_logs_the_table()
    {
        await using var world = await DeployWorld.StartAsync();
        var running = await world.PushAsync(DeployWorld.Readable, "nuke:1", "nuke v1");
        var next = await world.PushAsync(DeployWorld.Readable, "nuke:2", "nuke v2");
        await world.CreateDeploymentAsync("nuke", 2, null, ("nuke", running.ToString()));
        var root = Directory.CreateDirectory(Path.Combine(world.Directory, "build-root")).FullName;
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        await File.WriteAllTextAsync(Path.Combine(root, ".nuke", "parameters.json"), "{}");

        var (exitCode, output) = await TestBuildProcess.RunAsync("PublishBuild", root,
            inherited: name => !name.StartsWith("CLOUDSDK_", StringComparison.Ordinal) && !name.StartsWith("KUBE", StringComparison.Ordinal)
                               && !name.StartsWith("ARTIFACT_REGISTRY_", StringComparison.Ordinal) && name != "GOOGLE_APPLICATION_CREDENTIALS",
            new Dictionary<string, string> { ["HOME"] = world.Directory, ["GCE_METADATA_HOST"] = "127.0.0.1:9" },
            ["SetImage", "--image", next.ToString(), "--workloads", "deployment/nuke", "--kube-namespace", DeployWorld.Namespace,
             "--kubeconfig", await world.KubeconfigForAsync(SandboxPrincipals.Deployer), "--rollout-timeout", "2m"]);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("deployment/nuke: 2/2 updated, 2/2 available").And.Contain("outcome         : rolled out"));
        Assert.That(await world.PodImagesAsync("nuke", "nuke"), Is.EqualTo(new[] { next.ToString() }));
    }

    [Test]
    public async Task A_malformed_rollout_timeout_names_the_parameter_and_the_forms()
    {
        var root = Directory.CreateTempSubdirectory("ar-nuke-setimage-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, ".nuke"));
            await File.WriteAllTextAsync(Path.Combine(root, ".nuke", "parameters.json"), "{}");

            var (exitCode, output) = await TestBuildProcess.RunAsync("PublishBuild", root, inherited: _ => true, new Dictionary<string, string> { ["HOME"] = root },
                ["SetImage", "--deploy-image", $"{DeployWorld.Readable}/x@sha256:{new string('a', 64)}", "--workloads", "deployment/x", "--rollout-timeout", "ten minutes"]);

            Assert.That(exitCode, Is.Not.Zero);
            Assert.That(output, Does.Contain("'ten minutes' (--rollout-timeout or SetRolloutTimeout(…)) is not a duration"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public async Task SetImage_without_any_image_names_the_image_parameter_in_the_library_s_own_exception()
    {
        var root = Directory.CreateTempSubdirectory("ar-nuke-setimage-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, ".nuke"));
            await File.WriteAllTextAsync(Path.Combine(root, ".nuke", "parameters.json"), "{}");

            var (exitCode, output) = await TestBuildProcess.RunAsync("PublishBuild", root, inherited: _ => true, new Dictionary<string, string> { ["HOME"] = root },
                ["SetImage", "--workloads", "deployment/x"]);

            Assert.That(exitCode, Is.Not.Zero);
            Assert.That(output, Does.Contain("SettingsException: SetImage was given no image to deploy: --image LOCATION-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE:TAG or SetImage(…)"));
            Assert.That(output, Does.Not.Contain("InvalidOperationException"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
