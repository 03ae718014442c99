using System.Text.RegularExpressions;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.IntegrationTests.BuildProcesses;

namespace ArtifactRegistry.IntegrationTests.DockerAuth;

/// <summary>
/// The NUKE face end to end: a build class implementing IArtifactRegistryDockerAuth, run as its own process with parameters on
/// the command line and the sandbox's variables in the environment (as after <c>source .nuke/temp/sandbox.env</c>).
/// </summary>
[CancelAfter(300_000)]
public partial class NukeTargetTests
{
    private AuthWorld _world = null!;
    private string _root = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await AuthWorld.StartAsync();
        _root = Directory.CreateTempSubdirectory("ar-nuke-root-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
    }

    [TearDown]
    public async Task Stop()
    {
        await _world.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public async Task The_EnsureDockerAuth_target_configures_the_seed_config_and_the_push_then_succeeds()
    {
        var gcloud = _world.Gcloud(SandboxPrincipals.Deployer);
        var docker = _world.Docker(gcloud);
        File.WriteAllText(docker.ConfigFilePath, """{"credHelpers": {"gcr.io": "gcloud", "us.gcr.io": "gcloud"}}""");
        var image = AuthWorld.Canonical("from-nuke");

        var (exitCode, output) = await RunBuildAsync(docker.EnvironmentVariables.Concat(gcloud.EnvironmentVariables),
            "EnsureDockerAuth", "--images", image, "--docker-auth-mode", "CredentialHelper");
        await _world.BuildAsync(image);
        var push = await _world.PushAsync(docker, image);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain($"EnsureDockerAuth: CredentialHelper for asia-docker.pkg.dev as service account {SandboxPrincipals.Deployer}")
            .And.Contain("repository     projects/sample-project/locations/asia/repositories/sample: repositories.uploadArtifacts ok"));
        Assert.That(DockerConfigFile.InDirectory(docker.ConfigDirectory).Read().CredentialHelperFor(_world.ActualHost), Is.EqualTo("gcloud"));
        Assert.That(push.ExitCode, Is.Zero, push.StandardError);
        Assert.That(output, Does.Not.Contain(gcloud.EnvironmentVariables["CLOUDSDK_AUTH_ACCESS_TOKEN"]));
    }

    [Test]
    public async Task A_viewer_s_build_fails_at_EnsureDockerAuth_with_the_grant_command()
    {
        var gcloud = _world.Gcloud(SandboxPrincipals.Viewer);
        var docker = _world.Docker(gcloud);

        var (exitCode, output) = await RunBuildAsync(docker.EnvironmentVariables.Concat(gcloud.EnvironmentVariables),
            "EnsureDockerAuth", "--images", AuthWorld.Canonical("from-nuke"));

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(output, Does.Contain("artifactregistry.repositories.uploadArtifacts")
            .And.Contain($"--member=serviceAccount:{SandboxPrincipals.Viewer} --role=roles/artifactregistry.writer"));
    }

    [Test]
    public async Task In_access_token_mode_the_build_scoped_login_is_gone_when_the_build_exits()
    {
        var (exitCode, output, _) = await RunWithDeployerKeyAsync("EnsureDockerAuth");

        Assert.That(exitCode, Is.Zero, output);
        var scoped = ScopedLogin().Match(output);
        Assert.That(scoped.Success, Is.True, output);
        Assert.That(Directory.Exists(scoped.Groups["directory"].Value), Is.False, "the token left with the build");
    }

    [Test]
    public async Task A_credential_helper_run_after_an_access_token_run_configures_the_user_s_docker_config()
    {
        var (exitCode, output, docker) = await RunWithDeployerKeyAsync("ConfigureCredentialHelperToo");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("EnsureDockerAuth: AccessToken for asia-docker.pkg.dev"));
        Assert.That(DockerConfigFile.InDirectory(docker.ConfigDirectory).Read().CredentialHelperFor(_world.ActualHost), Is.EqualTo("gcloud"),
            "not the first run's build-scoped login, which is deleted");
        Assert.That(output, Does.Contain($"DOCKER_CONFIG is now {docker.ConfigDirectory}"));
        Assert.That(output, Does.Contain($"The process's DOCKER_CONFIG is {docker.ConfigDirectory}"), "the build-scoped login never became the process's");
    }

    /// <summary>Runs <paramref name="target"/> with no gcloud account and the deployer's key as ADC: Auto picks AccessToken.</summary>
    private async Task<(int ExitCode, string Output, DockerCli Docker)> RunWithDeployerKeyAsync(string target)
    {
        var key = _world.Sandbox.WriteServiceAccountKey(SandboxPrincipals.Deployer, _root);
        var docker = _world.Docker();
        var (exitCode, output) = await RunBuildAsync(docker.EnvironmentVariables.Append(new("GOOGLE_APPLICATION_CREDENTIALS", key)),
            target, "--images", AuthWorld.Canonical("from-nuke"));
        return (exitCode, output, docker);
    }

    [GeneratedRegex(@"docker config  (?<directory>\S+) \(build-scoped login\)")]
    private static partial Regex ScopedLogin();

    private Task<(int ExitCode, string Output)> RunBuildAsync(IEnumerable<KeyValuePair<string, string>> environment, params string[] arguments) =>
        TestBuildProcess.RunAsync("DockerAuthBuild", _root,
            inherited: name => !name.StartsWith("CLOUDSDK_", StringComparison.Ordinal) && !name.StartsWith("DOCKER_", StringComparison.Ordinal),
            environment.Concat(new Dictionary<string, string>
            {
                // What the sandbox's env file sets for a build.
                ["ARTIFACT_REGISTRY_HOST_MAP"] = _world.HostMap.ToString(),
                ["CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY"] = _world.Sandbox.ApiEndpoint.ToString(),
                ["ARTIFACT_REGISTRY_TOKENINFO_URL"] = new Uri(_world.Sandbox.ApiEndpoint, "tokeninfo").ToString(),
                ["HOME"] = _world.Home,
            }),
            arguments);
}
