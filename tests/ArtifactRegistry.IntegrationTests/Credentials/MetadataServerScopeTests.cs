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
/// Tokens from the sandbox's metadata server, as on a VM or GKE node: with the cloud-platform scope they work; with the
/// default access scopes Google answers 403 ACCESS_TOKEN_SCOPE_INSUFFICIENT, which is explained as such, not as a missing role.
/// </summary>
public sealed class MetadataServerScopeTests
{
    private TempDirectory _home = null!;

    [SetUp]
    public void Start() => _home = TempDirectory.Create("ar-metadata-");

    [TearDown]
    public void Stop() => _home.Dispose();

    [Test]
    public async Task A_machine_with_the_cloud_platform_scope_tags_through_its_metadata_server()
    {
        await using var world = await PruneWorld.StartAsync();
        world.Sandbox.SetMachineServiceAccount(SandboxPrincipals.Admin, [GoogleCredentialFile.CloudPlatformScope]);
        await world.PushAsync("app", "build", 1, tags: ["3f2c1ab"]);

        var tagged = await TagAdd.RunAsync(OnMachine(world.Context(), world.Sandbox), s => s.SetSource(PruneWorld.Canonical("app") + ":3f2c1ab").SetTags("stable"));

        Assert.Multiple(() =>
        {
            Assert.That(tagged.Created, Is.EqualTo(new[] { "stable" }));
            Assert.That(world.Log.Text, Does.Contain($"credentials: metadata server http://{world.Sandbox.ApiEndpoint.Authority}/"));
        });
    }

    [Test]
    public async Task A_machine_with_the_default_access_scopes_is_told_the_scope_is_missing_and_how_to_fix_it()
    {
        await using var world = await PruneWorld.StartAsync();
        world.Sandbox.SetMachineServiceAccount(SandboxPrincipals.Admin, SandboxServer.DefaultComputeScopes);
        await world.PushAsync("app", "build", 1, tags: ["3f2c1ab"]);

        var refused = await Assert.ThrowsAsync<GoogleCredentialException>(() =>
            TagAdd.RunAsync(OnMachine(world.Context(), world.Sandbox), s => s.SetSource(PruneWorld.Canonical("app") + ":3f2c1ab").SetTags("stable")));

        AssertScopeExplained(refused!);
    }

    [Test]
    public async Task The_access_preflight_reports_the_missing_scope_instead_of_a_missing_or_invisible_repository()
    {
        await using var world = await AuthWorld.StartAsync();
        world.Sandbox.SetMachineServiceAccount(SandboxPrincipals.Admin, SandboxServer.DefaultComputeScopes);

        var refused = await Assert.ThrowsAsync<GoogleCredentialException>(() =>
            EnsureDockerAuth.RunAsync(OnMachine(world.Context(world.Docker(), null), world.Sandbox), AuthWorld.Settings(AuthWorld.Canonical("app"))));

        AssertScopeExplained(refused!);
        Assert.That(refused!.Message, Does.Not.Contain("does not exist").And.Not.Contain("invisible"));
    }

    private static void AssertScopeExplained(GoogleCredentialException refused) =>
        Assert.That(refused.Message, Does.Contain($"The access token of service account {SandboxPrincipals.Admin} from metadata server ")
            .And.Contain("lacks the https://www.googleapis.com/auth/cloud-platform scope")
            .And.Contain("(403 ACCESS_TOKEN_SCOPE_INSUFFICIENT: Request had insufficient authentication scopes); no IAM role fixes that.")
            .And.Contain("--workload-pool=PROJECT_ID.svc.id.goog")
            .And.Contain($"--service-account={SandboxPrincipals.Admin} --scopes=cloud-platform"));

    /// <summary>A build on a Google Cloud machine: no credential file, no token source, the metadata server at the sandbox.</summary>
    private OperationContext OnMachine(OperationContext context, SandboxServer sandbox) => context
        .SetAccessTokenSource(null)
        .SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", null)
        .SetEnvironmentVariable("GCE_METADATA_HOST", sandbox.ApiEndpoint.Authority)
        .SetHomeDirectory(_home.Path);
}
