using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.RealClients;

/// <summary>
/// The seed article's pitfalls, reproduced through the real docker CLI, whose last stderr line must be Google's text byte for byte.
/// </summary>
/// <remarks>
/// The article (2023) shows the same "Permission … denied" line for its third pitfall (no credentials for
/// <c>asia-docker.pkg.dev</c>); Artifact Registry now answers credential-less requests with its "Unauthenticated request"
/// text, which is what the sandbox reproduces.
/// </remarks>
public class SeedErrorTests
{
    private RealClientSandbox _real = null!;

    [SetUp]
    public async Task Start() => _real = await RealClientSandbox.StartAsync();

    [TearDown]
    public async Task Stop() => await _real.DisposeAsync();

    [Test]
    [CancelAfter(180_000)]
    public async Task Pushing_without_a_repository_segment_fails_with_missing_image_name()
    {
        using var docker = await LoggedInAsync(SandboxPrincipals.Deployer);
        var reference = $"{_real.Host}/{TestSandbox.Project}/sample-api:latest";
        await _real.BuildAsync(reference);

        // docker retries a layer upload refused with NAME_INVALID four times (5+10+15+20 s) before giving up, as it does against Google.
        var push = await docker.RunAsync(["push", reference], timeout: TimeSpan.FromMinutes(2));

        Assert.Multiple(() =>
        {
            Assert.That(push.ExitCode, Is.EqualTo(1));
            Assert.That(RealClientSandbox.LastErrorLine(push),
                Is.EqualTo("name invalid: Missing image name. Pushes should be of the form docker push HOST-NAME/PROJECT-ID/REPOSITORY/IMAGE"));
        });
    }

    [Test]
    public async Task Pushing_as_a_principal_without_the_writer_role_fails_with_upload_artifacts_denied()
    {
        using var docker = await LoggedInAsync(SandboxPrincipals.Viewer);
        var reference = _real.Reference("sample-api");
        await _real.BuildAsync(reference);

        var push = await docker.RunAsync("push", reference);

        Assert.Multiple(() =>
        {
            Assert.That(push.ExitCode, Is.EqualTo(1));
            Assert.That(RealClientSandbox.LastErrorLine(push), Is.EqualTo(
                "denied: Permission \"artifactregistry.repositories.uploadArtifacts\" denied on resource \"projects/sample-project/locations/asia/repositories/sample\" (or it may not exist)"));
        });
    }

    [Test]
    public async Task Pushing_to_a_repository_that_does_not_exist_fails_with_the_same_denial()
    {
        using var docker = await LoggedInAsync(SandboxPrincipals.Deployer);
        var reference = $"{_real.Host}/{TestSandbox.Project}/sample-api/sample:latest";
        await _real.BuildAsync(reference);

        var push = await docker.RunAsync("push", reference);

        Assert.That(RealClientSandbox.LastErrorLine(push), Is.EqualTo(
            "denied: Permission \"artifactregistry.repositories.uploadArtifacts\" denied on resource \"projects/sample-project/locations/asia/repositories/sample-api\" (or it may not exist)"));
    }

    [Test]
    public async Task Pushing_without_any_credentials_fails_as_an_unauthenticated_request()
    {
        using var docker = _real.Engine.CreateClient();
        var reference = _real.Reference("sample-api");
        await _real.BuildAsync(reference);

        var push = await docker.RunAsync("push", reference);

        Assert.Multiple(() =>
        {
            Assert.That(push.ExitCode, Is.EqualTo(1));
            Assert.That(RealClientSandbox.LastErrorLine(push), Is.EqualTo(
                "denied: Unauthenticated request. Unauthenticated requests do not have permission \"artifactregistry.repositories.uploadArtifacts\" on resource \"projects/sample-project/locations/asia/repositories/sample\" (or it may not exist)"));
        });
    }

    [Test]
    public async Task A_credential_helper_configured_for_other_hosts_only_leaves_docker_unauthenticated()
    {
        using var gcloud = _real.Gcloud(SandboxPrincipals.Deployer);
        using var docker = _real.Engine.CreateClient().WithEnvironment(gcloud.EnvironmentVariables);
        // The seed's `gcloud auth configure-docker --quiet`: only the gcr.io hosts get the helper.
        (await gcloud.WithEnvironment("DOCKER_CONFIG", docker.ConfigDirectory).RunAsync("auth", "configure-docker", "--quiet")).EnsureSuccess();
        var reference = _real.Reference("sample-api");
        await _real.BuildAsync(reference);

        var push = await docker.RunAsync("push", reference);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(docker.ConfigFilePath), Does.Contain("\"gcr.io\"").And.Not.Contain(_real.Host));
            Assert.That(RealClientSandbox.LastErrorLine(push), Does.StartWith("denied: Unauthenticated request."));
        });
    }

    private async Task<ArtifactRegistry.Testing.Docker.DockerCli> LoggedInAsync(string principal)
    {
        var docker = _real.Engine.CreateClient();
        (await docker.RunAsync(["login", "-u", "oauth2accesstoken", "--password-stdin", _real.Host], standardInput: _real.Server.IssueAccessToken(principal))).EnsureSuccess();
        return docker;
    }
}
