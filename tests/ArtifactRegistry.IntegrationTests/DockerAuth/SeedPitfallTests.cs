using ArtifactRegistry.Access;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Context;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.DockerAuth;

/// <summary>
/// The seed article's pitfalls with the real docker, gcloud and docker-credential-gcloud against the sandbox: each one
/// reproduced, then caught (or fixed) by EnsureDockerAuth with the expected message.
/// </summary>
[CancelAfter(300_000)]
public class SeedPitfallTests
{
    // The config.json of the article: `gcloud auth configure-docker --quiet` without a host wrote only the gcr.io hosts.
    private const string SeedConfig = """
        {
          "credHelpers": {
            "asia.gcr.io": "gcloud",
            "eu.gcr.io": "gcloud",
            "gcr.io": "gcloud",
            "us.gcr.io": "gcloud"
          }
        }
        """;

    private AuthWorld _world = null!;

    [SetUp]
    public async Task Start() => _world = await AuthWorld.StartAsync();

    [TearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [Test]
    public async Task A_credential_helper_for_the_gcr_hosts_only_is_fixed_by_EnsureDockerAuth_and_the_push_then_succeeds()
    {
        var gcloud = _world.Gcloud(SandboxPrincipals.Deployer);
        var docker = _world.Docker(gcloud);
        File.WriteAllText(docker.ConfigFilePath, SeedConfig);
        var image = AuthWorld.Canonical("sample-api");
        await _world.BuildAsync(image);

        var before = await _world.PushAsync(docker, image);
        var result = await EnsureDockerAuth.RunAsync(_world.Context(docker, gcloud), AuthWorld.Settings(image));
        var after = await _world.PushAsync(docker, image);

        Assert.That(before.ExitCode, Is.EqualTo(1), "the seed's config really fails");
        Assert.That(before.StandardError, Does.Contain("Unauthenticated request"));
        Assert.That(result.Mode, Is.EqualTo(DockerAuthMode.CredentialHelper));
        Assert.That(result.ConfigChange!.AddedHosts, Is.EqualTo(new[] { _world.ActualHost }));
        Assert.That(result.Repositories.Single().Repository.ToString(), Is.EqualTo("projects/sample-project/locations/asia/repositories/sample"));
        Assert.That(after.ExitCode, Is.Zero, after.StandardError);
        Assert.That(after.StandardOutput, Does.Match(@"latest: digest: sha256:[0-9a-f]{64} size: \d+"));
        Assert.That(DockerConfigFile.InDirectory(docker.ConfigDirectory).Read().CredentialHelpers.Keys,
            Is.EquivalentTo(new[] { "asia.gcr.io", "eu.gcr.io", "gcr.io", "us.gcr.io", _world.ActualHost }));
    }

    [Test]
    public async Task A_viewer_is_stopped_by_the_preflight_naming_uploadArtifacts_and_the_writer_role()
    {
        var gcloud = _world.Gcloud(SandboxPrincipals.Viewer);
        var docker = _world.Docker(gcloud);

        var error = (await Assert.ThrowsAsync<ArtifactRegistryAccessDeniedException>(() =>
            EnsureDockerAuth.RunAsync(_world.Context(docker, gcloud), AuthWorld.Settings(AuthWorld.Canonical("sample-api")))))!;

        Assert.That(error.MissingPermissions, Is.EqualTo(new[] { "artifactregistry.repositories.uploadArtifacts" }));
        Assert.That(error.Principal.Email, Is.EqualTo(SandboxPrincipals.Viewer), "a bare gcloud token is traced through tokeninfo");
        Assert.That(error.Message, Does.Contain("roles/artifactregistry.writer").And.Contain(
            $"gcloud artifacts repositories add-iam-policy-binding sample --location=asia --project=sample-project --member=serviceAccount:{SandboxPrincipals.Viewer} --role=roles/artifactregistry.writer"));
    }

    [Test]
    public async Task The_viewer_s_docker_denial_is_translated_into_the_same_explanation()
    {
        var gcloud = _world.Gcloud(SandboxPrincipals.Viewer);
        var docker = _world.Docker(gcloud);
        var image = AuthWorld.Canonical("sample-api");
        await EnsureDockerAuth.RunAsync(_world.Context(docker, gcloud), AuthWorld.Settings(image).DisableAccessPreflight());
        await _world.BuildAsync(image);

        var push = await _world.PushAsync(docker, image);
        var explained = DockerRegistryErrors.TryExplain(push.StandardError, new DockerErrorContext
        {
            Reference = image,
            CanonicalHost = AuthWorld.CanonicalHost,
            ActualHost = _world.ActualHost,
            Principal = ArtifactRegistry.Iam.GooglePrincipal.ServiceAccount(SandboxPrincipals.Viewer),
            Config = DockerConfigFile.InDirectory(docker.ConfigDirectory).Read(),
        });

        Assert.That(push.ExitCode, Is.EqualTo(1));
        Assert.That(explained, Is.Not.Null, push.StandardError);
        Assert.That(explained!.Kind, Is.EqualTo(DockerRegistryErrorKind.PermissionDenied));
        Assert.That(explained.Message, Does.Contain("roles/artifactregistry.writer")
            .And.Contain($"--member=serviceAccount:{SandboxPrincipals.Viewer}")
            .And.Contain("docker said: denied: Permission \"artifactregistry.repositories.uploadArtifacts\""));
    }

    [Test]
    public async Task An_absent_repository_gets_the_create_hint()
    {
        var gcloud = _world.Gcloud(SandboxPrincipals.Deployer);
        var docker = _world.Docker(gcloud);

        var error = await CatchAsync(() => EnsureDockerAuth.RunAsync(_world.Context(docker, gcloud), AuthWorld.Settings(AuthWorld.Canonical("sample", repository: "sample-api"))));

        Assert.That(error, Is.InstanceOf<RepositoryNotFoundException>().Or.InstanceOf<ArtifactRegistryAccessDeniedException>());
        Assert.That(error!.Message, Does.Contain("gcloud artifacts repositories create sample-api --repository-format=docker --location=asia --project=sample-project"));
    }

    [Test]
    public async Task An_absent_repository_is_created_when_allowed_and_the_push_then_succeeds()
    {
        var gcloud = _world.Gcloud(SandboxPrincipals.Admin);
        var docker = _world.Docker(gcloud);
        var image = AuthWorld.Canonical("sample", repository: "sample-api");

        var result = await EnsureDockerAuth.RunAsync(_world.Context(docker, gcloud), AuthWorld.Settings(image).EnableCreateRepositoryIfMissing());
        await _world.BuildAsync(image);
        var push = await _world.PushAsync(docker, image);

        Assert.That(result.Repositories.Single().Created, Is.True);
        Assert.That(push.ExitCode, Is.Zero, push.StandardError);
        var described = await gcloud.JsonAsync("artifacts", "repositories", "describe", "sample-api", "--location=asia");
        Assert.That(described["format"]!.GetValue<string>(), Is.EqualTo("DOCKER"));
    }

    [Test]
    public async Task Gcloud_without_an_account_fails_with_the_remedies()
    {
        var gcloud = _world.GcloudWithoutAccount();
        var docker = _world.Docker(gcloud);

        var error = (await Assert.ThrowsAsync<DockerCredentialHelperException>(() =>
            EnsureDockerAuth.RunAsync(_world.Context(docker, gcloud), AuthWorld.Settings(AuthWorld.Canonical("sample-api")).SetMode(DockerAuthMode.CredentialHelper))))!;

        Assert.That(error.Message, Does.Contain("You do not currently have an active account selected")
            .And.Contain("gcloud auth login").And.Contain("gcloud auth activate-service-account").And.Contain("AccessToken mode"));
    }

    private static async Task<Exception?> CatchAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
