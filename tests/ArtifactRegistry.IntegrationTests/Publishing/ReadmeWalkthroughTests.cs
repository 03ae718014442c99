using System.Text.RegularExpressions;
using ArtifactRegistry.References;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.IntegrationTests.Publishing;

/// <summary>
/// The README's walkthrough with this repository's own build: <c>./build.sh BuildAndPush --use-sandbox …</c> pushes
/// samples/sample-api to a running sandbox, and says how to start one when none runs. <c>--use-sandbox</c> lives in build/
/// only: the library itself knows endpoints, a host map and credentials, which the sandbox's env file sets.
/// The env file goes to a temporary folder (<c>--sandbox-env-file</c>), so a sandbox the developer runs keeps its own.
/// </summary>
[CancelAfter(300_000)]
public class ReadmeWalkthroughTests
{
    private const string SampleImage = "asia-docker.pkg.dev/sample-project/sample/sample-api";
    private PublishWorld _world = null!;

    [SetUp]
    public async Task Start() => _world = await PublishWorld.StartAsync();

    [TearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [Test]
    public async Task Build_sh_BuildAndPush_with_use_sandbox_pushes_the_sample_to_the_running_sandbox()
    {
        var envFile = Path.Combine(_world.Home, "sandbox.env");
        await _world.Sandbox.WriteEnvFileAsync(envFile, Path.Combine(_world.Home, "sandbox-keys"));

        var result = await BuildShAsync("BuildAndPush", "--use-sandbox", "--sandbox-env-file", envFile,
            "--image", SampleImage, "--docker-context", "samples/sample-api");

        var output = result.StandardOutput + result.StandardError;
        Assert.That(result.ExitCode, Is.Zero, output);
        var pushed = Regex.Match(output, @"Pushed (?<image>asia-docker\.pkg\.dev/\S+@sha256:[0-9a-f]{64})");
        Assert.That(pushed.Success, Is.True, output);
        var image = ImageReference.Parse(pushed.Groups["image"].Value);
        Assert.That(await _world.RestTagDigestAsync("sample-api", "latest"), Is.EqualTo(image.Digest));
    }

    [Test]
    public async Task Without_a_running_sandbox_use_sandbox_says_how_to_start_one()
    {
        var missing = Path.Combine(_world.Home, "no-sandbox.env");

        var result = await BuildShAsync("BuildAndPush", "--use-sandbox", "--sandbox-env-file", missing,
            "--image", SampleImage, "--docker-context", "samples/sample-api");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.StandardOutput + result.StandardError, Does.Contain(missing).And.Contain("`./build.sh Sandbox`"));
    }

    /// <summary><c>./build.sh ARGUMENTS</c> in the repository's root, docker pointed at the private engine and a private config.</summary>
    private Task<CommandResult> BuildShAsync(params string[] arguments) =>
        ExternalProgram.RunAsync("bash", ["-c", "cd \"$0\" && exec ./build.sh \"$@\"", RepositoryRoot(), .. arguments],
            new Dictionary<string, string>
            {
                ["DOCKER_HOST"] = _world.Engine.DockerHost,
                ["DOCKER_CONFIG"] = _world.DockerConfigDirectory,
                // No metadata server answers on the discard port, so credential discovery cannot wait on one.
                ["GCE_METADATA_HOST"] = "127.0.0.1:9",
            },
            timeout: TimeSpan.FromMinutes(4));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "build.sh")) && Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                return directory.FullName;
        throw new InvalidOperationException("The repository root (build.sh and .nuke/) is not above the test directory.");
    }
}
