using ArtifactRegistry.Access;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.IntegrationTests.DockerAuth;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.Credentials;

/// <summary>
/// testIamPermissions answering 400 INVALID_ARGUMENT because one asked permission is not accepted for the resource: the preflight
/// reports that permission as unchecked and still decides on the others.
/// </summary>
public sealed class UntestablePermissionTests
{
    private const string UpdateTag = "artifactregistry.tags.update";
    private AuthWorld _world = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await AuthWorld.StartAsync();
        _world.Sandbox.RefuseToTestPermission(UpdateTag);
    }

    [TearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [Test]
    public async Task A_writer_passes_the_preflight_with_the_refused_permission_reported_as_unchecked()
    {
        var gcloud = _world.Gcloud(SandboxPrincipals.Deployer);

        var result = await EnsureDockerAuth.RunAsync(_world.Context(_world.Docker(gcloud), gcloud), AuthWorld.Settings(AuthWorld.Canonical("app")));
        await using var session = result.Session;

        var access = result.Repositories.Single();
        Assert.Multiple(() =>
        {
            Assert.That(access.UncheckedPermissions, Is.EqualTo(new[] { UpdateTag }));
            Assert.That(access.RequiredPermissions, Does.Contain("artifactregistry.repositories.uploadArtifacts").And.Not.Contain(UpdateTag));
            Assert.That(access.HeldPermissions, Does.Contain("artifactregistry.repositories.uploadArtifacts"));
            Assert.That(_world.Log.Text, Does.Contain(
                $"Warning: Access preflight: Artifact Registry refused to test {UpdateTag} on projects/sample-project/locations/asia/repositories/sample " +
                "(400 INVALID_ARGUMENT: Request contains an invalid argument.); it is left unchecked, the other permissions are checked"));
        });
    }

    [Test]
    public async Task A_viewer_is_still_stopped_for_the_permission_that_could_be_tested()
    {
        var gcloud = _world.Gcloud(SandboxPrincipals.Viewer);

        var refused = await Assert.ThrowsAsync<ArtifactRegistryAccessDeniedException>(() =>
            EnsureDockerAuth.RunAsync(_world.Context(_world.Docker(gcloud), gcloud), AuthWorld.Settings(AuthWorld.Canonical("app"))));

        Assert.That(refused!.MissingPermissions, Is.EqualTo(new[] { "artifactregistry.repositories.uploadArtifacts" }));
    }
}
