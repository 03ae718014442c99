using ArtifactRegistry.Context;
using ArtifactRegistry.IntegrationTests.Pruning;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Tagging;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.IntegrationTests.Credentials;

/// <summary>An <c>external_account_authorized_user</c> file (a Workforce Identity Federation sign-in), refreshed at the sandbox's STS.</summary>
public sealed class WorkforceIdentityTests
{
    private PruneWorld _world = null!;
    private TempDirectory _files = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await PruneWorld.StartAsync();
        _files = TempDirectory.Create("ar-workforce-");
    }

    [TearDown]
    public async Task Stop()
    {
        _files.Dispose();
        await _world.DisposeAsync();
    }

    [Test]
    public async Task A_workforce_user_granted_the_writer_role_tags_with_nothing_but_its_sign_in_file()
    {
        _world.Sandbox.Grant($"projects/{PruneWorld.Project}/locations/asia/repositories/{PruneWorld.Repository}",
            "roles/artifactregistry.writer", SandboxServer.WorkforceMemberOf("alice@example.com"));
        await _world.PushAsync("app", "build", 1, tags: ["3f2c1ab"]);
        var context = _world.Context()
            .SetAccessTokenSource(null)
            .SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", _world.Sandbox.WriteExternalAccountAuthorizedUserFile("alice@example.com", _files.Path))
            .SetHomeDirectory(_files.Path);

        var tagged = await TagAdd.RunAsync(context, s => s.SetSource(PruneWorld.Canonical("app") + ":3f2c1ab").SetTags("stable"));

        Assert.Multiple(() =>
        {
            Assert.That(tagged.Created, Is.EqualTo(new[] { "stable" }));
            Assert.That(_world.Sandbox.Counters[SandboxRoutes.StsOAuthToken], Is.EqualTo(1));
            Assert.That(_world.Log.Text, Does.Contain("credentials: Workforce Identity Federation user credentials "));
        });
    }
}
