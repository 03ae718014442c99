using System.Text.RegularExpressions;
using ArtifactRegistry.References;
using ArtifactRegistry.IntegrationTests.BuildProcesses;

namespace ArtifactRegistry.IntegrationTests.Publishing;

/// <summary>
/// The NUKE face end to end: a user's build implementing IArtifactRegistryBuildAndPush, run as its own process in a git work tree,
/// reaching the sandbox only through the variables of its env file in the build's environment (as after <c>source sandbox.env</c>)
/// and handing the digest to a later target.
/// </summary>
[CancelAfter(300_000)]
public class NukeBuildAndPushTests
{
    private PublishWorld _world = null!;
    private SourceTree _source = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await PublishWorld.StartAsync();
        _source = await SourceTree.CreateAsync("FROM scratch\nCOPY payload.txt /payload.txt\n", new Dictionary<string, string>
        {
            ["payload.txt"] = "nuke " + Guid.NewGuid(),
            [".gitignore"] = ".nuke/temp/\n",
            [".nuke/parameters.json"] = "{}",
        });
        await _world.Sandbox.WriteEnvFileAsync(Path.Combine(_source.Path, ".nuke", "temp", "sandbox.env"), Path.Combine(_source.Path, ".nuke", "temp", "sandbox-keys"));
    }

    [TearDown]
    public async Task Stop()
    {
        _source.Dispose();
        await _world.DisposeAsync();
    }

    [Test]
    public async Task The_BuildAndPush_target_pushes_to_the_sandbox_its_environment_names_and_a_later_target_gets_the_digest()
    {
        var shortSha = await _source.GitAsync("rev-parse", "--short", "HEAD");

        // The env file's key logs docker in; gcloud's credential helper would refuse the sandbox's 127.0.0.1 hosts.
        var (exitCode, output) = await RunBuildAsync("Deploy", "--image", PublishWorld.Canonical("nuke-app"), "--docker-auth-mode", "AccessToken");

        Assert.That(exitCode, Is.Zero, output);
        var deployed = Regex.Match(output, @"Deploying (?<image>\S+)");
        Assert.That(deployed.Success, Is.True, output);
        var image = ImageReference.Parse(deployed.Groups["image"].Value);
        Assert.That(image.ToString(), Does.StartWith($"{PublishWorld.Canonical("nuke-app")}:{shortSha}@sha256:"));
        Assert.That(await _world.RestTagDigestAsync("nuke-app", shortSha), Is.EqualTo(image.Digest));
        Assert.That(await _world.RestTagDigestAsync("nuke-app", "latest"), Is.EqualTo(image.Digest));
        Assert.That(output, Does.Contain("docker build step 1/").And.Contain("Registry confirms 2 tag(s)"));
    }

    [Test]
    public async Task EnsureDockerAuth_then_BuildAndPush_in_one_build_authenticates_once_and_leaves_the_process_environment_alone()
    {
        var (exitCode, output) = await RunBuildAsync("EnsureDockerAuth", "BuildAndPush", "--image", PublishWorld.Canonical("nuke-once"), "--docker-auth-mode", "AccessToken");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(Regex.Matches(output, "EnsureDockerAuth: hosts ").Count, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("Registry confirms 2 tag(s)"));
    }

    private Task<(int ExitCode, string Output)> RunBuildAsync(params string[] arguments) =>
        TestBuildProcess.RunAsync("PublishBuild", _source.Path,
            inherited: name => !name.StartsWith("CLOUDSDK_", StringComparison.Ordinal) && !name.StartsWith("DOCKER_", StringComparison.Ordinal)
                               && !name.StartsWith("ARTIFACT_REGISTRY_", StringComparison.Ordinal) && name != "GOOGLE_APPLICATION_CREDENTIALS",
            new Dictionary<string, string>(SandboxVariables())
            {
                ["DOCKER_HOST"] = _world.Engine.DockerHost,
                ["DOCKER_CONFIG"] = _world.DockerConfigDirectory,
                ["HOME"] = _world.Home,
                // No metadata server answers on the discard port, so credential discovery cannot wait on one.
                ["GCE_METADATA_HOST"] = "127.0.0.1:9",
            },
            arguments);

    /// <summary>What <c>source sandbox.env</c> would export: its <c>export NAME='value'</c> lines.</summary>
    private Dictionary<string, string> SandboxVariables() =>
        File.ReadAllLines(Path.Combine(_source.Path, ".nuke", "temp", "sandbox.env"))
            .Where(line => line.StartsWith("export ", StringComparison.Ordinal))
            .Select(line => line["export ".Length..].Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim('\''), StringComparer.Ordinal);
}
