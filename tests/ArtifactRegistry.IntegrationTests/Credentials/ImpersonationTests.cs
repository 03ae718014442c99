using ArtifactRegistry.Access;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.IntegrationTests.DockerAuth;
using ArtifactRegistry.IntegrationTests.Pruning;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Tagging;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.IntegrationTests.Credentials;

/// <summary>
/// An <c>impersonated_service_account</c> file (what <c>gcloud auth application-default login --impersonate-service-account</c>
/// writes) through the sandbox: the source key's token asks IAM Credentials' generateAccessToken for the target's tokens.
/// </summary>
public sealed class ImpersonationTests
{
    private const string Runner = "ci-runner@sample-project.iam.gserviceaccount.com";
    private PruneWorld _world = null!;
    private TempDirectory _files = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await PruneWorld.StartAsync();
        _files = TempDirectory.Create("ar-impersonation-");
    }

    [TearDown]
    public async Task Stop()
    {
        _files.Dispose();
        await _world.DisposeAsync();
    }

    [Test]
    public async Task A_source_with_the_token_creator_role_works_as_the_impersonated_account()
    {
        _world.Sandbox.Grant("projects/" + PruneWorld.Project, "roles/iam.serviceAccountTokenCreator", SandboxServer.MemberOf(Runner));
        await _world.PushAsync("app", "build", 1, tags: ["3f2c1ab"]);

        var tagged = await TagAdd.RunAsync(Context(SandboxPrincipals.Admin), s => s.SetSource(PruneWorld.Canonical("app") + ":3f2c1ab").SetTags("stable"));

        Assert.Multiple(() =>
        {
            Assert.That(tagged.Created, Is.EqualTo(new[] { "stable" }));
            Assert.That(_world.Sandbox.Counters[SandboxRoutes.GenerateAccessToken], Is.EqualTo(1));
            Assert.That(_world.Log.Text, Does.Contain("credentials: impersonated service-account credentials "));
        });
    }

    [Test]
    public async Task The_access_preflight_names_the_impersonated_account_and_grants_the_role_to_it_not_to_the_source()
    {
        await using var world = await AuthWorld.StartAsync();
        world.Sandbox.Grant("projects/" + PruneWorld.Project, "roles/iam.serviceAccountTokenCreator", SandboxServer.MemberOf(Runner));
        var file = world.Sandbox.WriteImpersonatedServiceAccountFile(Runner, SandboxPrincipals.Viewer, _files.Path);

        var refused = await Assert.ThrowsAsync<ArtifactRegistryAccessDeniedException>(() => EnsureDockerAuth.RunAsync(
            world.Context(world.Docker(), null).SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", file), AuthWorld.Settings(AuthWorld.Canonical("app"))));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Principal.Email, Is.EqualTo(SandboxPrincipals.Viewer));
            Assert.That(refused.MissingPermissions, Is.EqualTo(new[] { "artifactregistry.repositories.uploadArtifacts" }));
            Assert.That(refused.Message, Does.Contain($"--member=serviceAccount:{SandboxPrincipals.Viewer} --role=roles/artifactregistry.writer").And.Not.Contain(Runner));
        });
    }

    [Test]
    public async Task A_source_without_the_token_creator_role_gets_googles_refusal_and_the_grant_that_fixes_it()
    {
        var refused = await Assert.ThrowsAsync<GoogleCredentialException>(() =>
            TagAdd.RunAsync(Context(SandboxPrincipals.Admin), s => s.SetSource(PruneWorld.Canonical("app") + ":3f2c1ab").SetTags("stable")));

        Assert.That(refused!.Message, Does.Contain("Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist)")
            .And.Contain($"`gcloud iam service-accounts add-iam-policy-binding {SandboxPrincipals.Admin} --member=serviceAccount:{Runner} --role=roles/iam.serviceAccountTokenCreator`"));
    }

    /// <summary>Only the impersonation file: no token source, no metadata server, no gcloud.</summary>
    private OperationContext Context(string target) => _world.Context()
        .SetAccessTokenSource(null)
        .SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", _world.Sandbox.WriteImpersonatedServiceAccountFile(Runner, target, _files.Path))
        .SetHomeDirectory(_files.Path);
}
