using System.Security.Cryptography;
using System.Text;
using ArtifactRegistry.IntegrationTests.BuildProcesses;
using ArtifactRegistry.IntegrationTests.Publishing;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.IntegrationTests.BuildSecrets;

/// <summary><c>--docker-secrets ID=ENV_VAR</c> as a user of ./build.sh gives it: a NUKE build run as its own process.</summary>
[CancelAfter(300_000)]
public class NukeBuildSecretTests
{
    private PublishWorld _world = null!;
    private SourceTree _source = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await PublishWorld.StartAsync();
        _source = await SourceTree.CreateAsync(
            $"FROM {BusyboxBase.Reference}\nRUN --mount=type=secret,id=npm_token echo {Guid.NewGuid()} && sha256sum /run/secrets/npm_token | cut -c1-64 > /npm_token.sha256\n",
            new Dictionary<string, string>
            {
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
    public async Task A_variable_named_by_docker_secrets_that_is_not_set_fails_the_target_naming_it_and_the_parameter_before_docker_builds()
    {
        var variable = $"ARD_UNSET_{Guid.NewGuid():N}".ToUpperInvariant();

        var (exitCode, output) = await RunBuildAsync([], "BuildAndPush", "--image", PublishWorld.Canonical("nuke-unset"),
            "--docker-auth-mode", "AccessToken", "--docker-secrets", $"npm_token={variable}");

        Assert.That(exitCode, Is.Not.Zero, output);
        Assert.That(output, Does.Contain($"Build secret 'npm_token' is read from the environment variable {variable}, which is not set"));
        Assert.That(output, Does.Contain("--docker-secrets or AddBuildSecret(…)"), "the setting shown as the NUKE parameter");
        Assert.That(output, Does.Not.Contain("docker build step"));
    }

    [Test]
    public async Task Docker_secrets_docker_program_and_docker_network_build_with_the_secret_of_the_environment_and_push()
    {
        var docker = await BuildKitDockerCli.RequireAsync();
        await BusyboxBase.EnsureAsync(_world.Engine);
        var secret = $"npm_{Guid.NewGuid():N}";
        var variable = $"ARD_NPM_TOKEN_{Guid.NewGuid():N}".ToUpperInvariant();

        var (exitCode, output) = await RunBuildAsync([new(variable, secret)], "BuildAndPush", "--image", PublishWorld.Canonical("nuke-secret"),
            "--docker-auth-mode", "AccessToken", "--docker-secrets", $"npm_token={variable}", "--docker-program", docker, "--docker-network", "none");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("built-in BuildKit builder").And.Contain("Registry confirms"));
        Assert.That(output, Does.Not.Contain(secret));
        var shortSha = await _source.GitAsync("rev-parse", "--short", "HEAD");
        var digest = await _world.RestTagDigestAsync("nuke-secret", shortSha);
        using var work = TempDirectory.Create("ard-save-");
        var image = $"{_world.HostMap.Resolve("asia-docker.pkg.dev")}/{PublishWorld.Project}/{PublishWorld.Repository}/nuke-secret:{shortSha}";
        (await _world.Engine.DockerAsync("save", "--output", work.Combine("image.tar"), image)).EnsureSuccess();
        var archive = ImageArchive.Read(work.Combine("image.tar"));
        Assert.That(archive.LayerFileText("npm_token.sha256")?.Trim(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))));
        Assert.That(archive.FilesContaining(secret), Is.Empty);
        Assert.That(digest.ToString(), Does.StartWith("sha256:"));
    }

    private Task<(int ExitCode, string Output)> RunBuildAsync(KeyValuePair<string, string>[] extra, params string[] arguments) =>
        TestBuildProcess.RunAsync("PublishBuild", _source.Path,
            inherited: name => !name.StartsWith("CLOUDSDK_", StringComparison.Ordinal) && !name.StartsWith("DOCKER_", StringComparison.Ordinal)
                               && !name.StartsWith("ARTIFACT_REGISTRY_", StringComparison.Ordinal) && name != "GOOGLE_APPLICATION_CREDENTIALS",
            new Dictionary<string, string>(SandboxVariables().Concat(extra))
            {
                ["DOCKER_HOST"] = _world.Engine.DockerHost,
                ["DOCKER_CONFIG"] = _world.DockerConfigDirectory,
                ["HOME"] = _world.Home,
                ["GCE_METADATA_HOST"] = "127.0.0.1:9",
            },
            arguments);

    private Dictionary<string, string> SandboxVariables() =>
        File.ReadAllLines(Path.Combine(_source.Path, ".nuke", "temp", "sandbox.env"))
            .Where(line => line.StartsWith("export ", StringComparison.Ordinal))
            .Select(line => line["export ".Length..].Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim('\''), StringComparer.Ordinal);
}
