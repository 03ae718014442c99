using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Tests.Support;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Json;

namespace ArtifactRegistry.Sandbox.Tests.RealClients;

/// <summary>The real gcloud against the sandbox, its answers checked against what the real docker pushed.</summary>
public class GcloudTests
{
    private RealClientSandbox _real = null!;
    private DockerCli _docker = null!;

    [SetUp]
    public async Task Start()
    {
        _real = await RealClientSandbox.StartAsync();
        _docker = _real.Engine.CreateClient();
        (await _docker.RunAsync(["login", "-u", "oauth2accesstoken", "--password-stdin", _real.Host], standardInput: _real.Server.IssueAccessToken(SandboxPrincipals.Deployer))).EnsureSuccess();
    }

    [TearDown]
    public async Task Stop()
    {
        _docker.Dispose();
        await _real.DisposeAsync();
    }

    [Test]
    public async Task Repositories_describe_shows_the_docker_repository()
    {
        using var gcloud = _real.Gcloud(SandboxPrincipals.Deployer);

        var described = await gcloud.JsonAsync("artifacts", "repositories", "describe", "sample", "--location=asia");

        Assert.Multiple(() =>
        {
            Assert.That(described.Require<string>("name"), Is.EqualTo(TestSandbox.RepositoryResource));
            Assert.That(described.Require<string>("format"), Is.EqualTo("DOCKER"));
            Assert.That(described.Require<string>("registryUri"), Is.EqualTo("asia-docker.pkg.dev/sample-project/sample"));
        });
    }

    [Test]
    public async Task Images_list_shows_what_docker_pushed_with_and_without_tags()
    {
        var digest = await PushAsync("listed", "v1");
        using var gcloud = _real.Gcloud(SandboxPrincipals.Deployer);

        var repository = (await gcloud.JsonAsync("artifacts", "docker", "images", "list", "asia-docker.pkg.dev/sample-project/sample")).AsArray();
        var withTags = (await gcloud.JsonAsync("artifacts", "docker", "images", "list", RealClientSandbox.Canonical("listed"), "--include-tags")).AsArray();

        Assert.Multiple(() =>
        {
            Assert.That(repository.Select(i => (i.Require<string>("package"), i.Require<string>("version"))),
                Is.EqualTo(new[] { (RealClientSandbox.Canonical("listed"), digest) }));
            Assert.That(withTags.Select(i => i.Require<string>("version")), Is.EqualTo(new[] { digest }));
            Assert.That(withTags.Require(0, "tags").AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "v1" }));
        });
    }

    [Test]
    public async Task Tags_add_list_and_delete_change_what_docker_pulls()
    {
        var digest = await PushAsync("tagged", "v1");
        using var gcloud = _real.Gcloud(SandboxPrincipals.Admin);
        var image = RealClientSandbox.Canonical("tagged");

        (await gcloud.RunAsync("artifacts", "docker", "tags", "add", image + ":v1", image + ":stable")).EnsureSuccess();
        var listed = (await gcloud.JsonAsync("artifacts", "docker", "tags", "list", image)).AsArray();
        var pulledStable = await _docker.RunAsync("pull", _real.Reference("tagged", "stable"));
        (await gcloud.RunAsync("artifacts", "docker", "tags", "delete", image + ":stable")).EnsureSuccess();
        var afterDelete = (await gcloud.JsonAsync("artifacts", "docker", "tags", "list", image)).AsArray();
        var pulledDeleted = await _docker.RunAsync("pull", _real.Reference("tagged", "stable"));

        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(t => t.Require<string>("tag").Split('/')[^1]), Is.EqualTo(new[] { "stable", "v1" }));
            Assert.That(listed.Select(t => t.Require<string>("version").Split('/')[^1]).Distinct(), Is.EqualTo(new[] { digest }));
            Assert.That(pulledStable.StandardOutput, Does.Contain("Digest: " + digest));
            Assert.That(afterDelete.Select(t => t.Require<string>("tag").Split('/')[^1]), Is.EqualTo(new[] { "v1" }));
            Assert.That(pulledDeleted.Succeeded, Is.False);
            Assert.That(pulledDeleted.StandardError, Does.Contain("manifest unknown: Failed to fetch \"stable\""));
        });
    }

    [Test]
    public async Task Images_delete_by_digest_refuses_a_tagged_image_and_with_delete_tags_removes_it()
    {
        var digest = await PushAsync("deleted", "latest");
        using var gcloud = _real.Gcloud(SandboxPrincipals.Admin);
        var byDigest = RealClientSandbox.Canonical("deleted") + "@" + digest;

        var refused = await gcloud.RunAsync("artifacts", "docker", "images", "delete", byDigest);
        var deleted = await gcloud.RunAsync("artifacts", "docker", "images", "delete", byDigest, "--delete-tags");
        var listed = (await gcloud.JsonAsync("artifacts", "docker", "images", "list", "asia-docker.pkg.dev/sample-project/sample")).AsArray();
        var pulled = await _docker.RunAsync("pull", _real.Reference("deleted"));

        Assert.Multiple(() =>
        {
            Assert.That(refused.Succeeded, Is.False);
            Assert.That(refused.StandardError, Does.Contain($"Cannot delete image {byDigest} because it is tagged. Existing tags are:\n- {RealClientSandbox.Canonical("deleted")}:latest"));
            Assert.That(deleted.Succeeded, Is.True, deleted.StandardError);
            Assert.That(listed, Is.Empty);
            Assert.That(pulled.Succeeded, Is.False);
        });
    }

    [Test]
    public async Task A_writer_is_refused_deleting_tags_with_googles_permission_text()
    {
        await PushAsync("writer-delete", "v1");
        using var gcloud = _real.Gcloud(SandboxPrincipals.Deployer);

        var refused = await gcloud.RunAsync("artifacts", "docker", "tags", "delete", RealClientSandbox.Canonical("writer-delete") + ":v1");

        Assert.That(refused.StandardError, Does.Contain(
            "PERMISSION_DENIED: Permission 'artifactregistry.tags.delete' denied on resource '//artifactregistry.googleapis.com/projects/sample-project/locations/asia/repositories/sample' (or it may not exist)."));
    }

    [Test]
    public async Task Add_iam_policy_binding_lets_the_node_pool_account_pull()
    {
        await PushAsync("granted", "latest");
        using var admin = _real.Gcloud(SandboxPrincipals.Admin);
        using var nodes = _real.Engine.CreateClient();
        (await nodes.RunAsync(["login", "-u", "oauth2accesstoken", "--password-stdin", _real.Host], standardInput: _real.Server.IssueAccessToken(SandboxPrincipals.GkeNodes))).EnsureSuccess();

        var before = await nodes.RunAsync("pull", _real.Reference("granted"));
        var policy = await admin.JsonAsync("artifacts", "repositories", "add-iam-policy-binding", "sample", "--location=asia",
            "--member=serviceAccount:" + SandboxPrincipals.GkeNodes, "--role=roles/artifactregistry.reader");
        var after = await nodes.RunAsync("pull", _real.Reference("granted"));

        Assert.Multiple(() =>
        {
            Assert.That(before.Succeeded, Is.False);
            Assert.That(policy.Require("bindings").AsArray().Any(b => b.Require<string>("role") == "roles/artifactregistry.reader"
                && b.Require("members").AsArray().Any(m => m!.GetValue<string>() == "serviceAccount:" + SandboxPrincipals.GkeNodes)), Is.True, policy.ToJsonString());
            Assert.That(after.Succeeded, Is.True, after.StandardError);
        });
    }

    [Test]
    public async Task Project_level_add_iam_policy_binding_goes_through_the_resource_manager_override()
    {
        using var admin = _real.Gcloud(SandboxPrincipals.Admin)
            .WithEnvironment("CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER", _real.Server.ApiEndpoint.ToString());

        var policy = await admin.JsonAsync("projects", "add-iam-policy-binding", "sample-project",
            "--member=serviceAccount:" + SandboxPrincipals.GkeNodes, "--role=roles/artifactregistry.reader", "--condition=None");
        var access = await _real.Sandbox.GetAsync("v1/" + TestSandbox.RepositoryResource, SandboxPrincipals.GkeNodes);

        Assert.Multiple(() =>
        {
            Assert.That(policy.Require("bindings").AsArray().Select(b => b.Require<string>("role")), Does.Contain("roles/artifactregistry.reader"));
            Assert.That(access.Status, Is.EqualTo(System.Net.HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Gcloud_activates_a_key_file_written_by_the_sandbox_and_exchanges_its_jwt_at_the_token_uri()
    {
        using var keys = TempDirectory.Create("ar-sandbox-tests-");
        var key = _real.Server.WriteServiceAccountKey(SandboxPrincipals.Admin, keys.Path);
        using var gcloud = ArtifactRegistry.Testing.Gcloud.GcloudCli.Create()
            .WithProject(TestSandbox.Project)
            .WithArtifactRegistryEndpoint(_real.Server.ApiEndpoint);

        (await gcloud.RunAsync("auth", "activate-service-account", "--key-file=" + key)).EnsureSuccess();
        var described = await gcloud.JsonAsync("artifacts", "repositories", "describe", "sample", "--location=asia");

        Assert.Multiple(() =>
        {
            Assert.That(described.Require<string>("name"), Is.EqualTo(TestSandbox.RepositoryResource));
            Assert.That(_real.Server.Counters[SandboxRoutes.OAuthToken], Is.GreaterThanOrEqualTo(1));
        });
    }

    private async Task<string> PushAsync(string image, string tag)
    {
        var reference = _real.Reference(image, tag);
        await _real.BuildAsync(reference);
        return RealClientSandbox.PushedDigest((await _docker.RunAsync("push", reference)).EnsureSuccess());
    }
}
