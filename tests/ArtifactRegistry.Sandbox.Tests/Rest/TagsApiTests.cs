using System.Net;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Rest;

/// <summary>REST tag changes are what the Registry API resolves, and the other way round.</summary>
public class TagsApiTests
{
    private const string Name = "sample-project/sample/sample-api";
    private TestSandbox _sandbox = null!;

    private static string Package => TestSandbox.PackagePath();

    private static string VersionName(string digest) => $"{TestSandbox.RepositoryResource}/packages/sample-api/versions/{digest}";

    [SetUp]
    public async Task Start() => _sandbox = await TestSandbox.StartAsync();

    [TearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    [Test]
    public async Task A_tag_created_through_rest_is_pulled_through_the_registry()
    {
        var image = await _sandbox.PushAsync("rest tag");

        var created = await _sandbox.RestAsync(HttpMethod.Post, Package + "/tags?tagId=stable", SandboxPrincipals.Deployer,
            new JsonObject { ["name"] = $"{TestSandbox.RepositoryResource}/packages/sample-api/tags/stable", ["version"] = VersionName(image.Digest) });
        var pulled = await _sandbox.RegistryAsync(HttpMethod.Head, $"v2/{Name}/manifests/stable", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(created.Json["name"]!.GetValue<string>(), Is.EqualTo($"{TestSandbox.RepositoryResource}/packages/sample-api/tags/stable"));
            Assert.That(created.Json["version"]!.GetValue<string>(), Is.EqualTo(VersionName(image.Digest)));
            Assert.That(pulled.Header("Docker-Content-Digest"), Is.EqualTo(image.Digest));
        });
    }

    [Test]
    public async Task Creating_an_existing_tag_is_a_conflict()
    {
        var image = await _sandbox.PushAsync("existing tag");

        var answer = await _sandbox.RestAsync(HttpMethod.Post, Package + "/tags?tagId=latest", SandboxPrincipals.Deployer, new JsonObject { ["version"] = VersionName(image.Digest) });

        Assert.That(answer.GoogleError, Is.EqualTo((409, "ALREADY_EXISTS", "Tag \"latest\" already exists.")));
    }

    [Test]
    public async Task A_tag_for_a_version_that_does_not_exist_is_refused()
    {
        await _sandbox.PushAsync("real version");

        var answer = await _sandbox.RestAsync(HttpMethod.Post, Package + "/tags?tagId=ghost", SandboxPrincipals.Deployer,
            new JsonObject { ["version"] = VersionName("sha256:" + new string('0', 64)) });

        Assert.That(answer.GoogleError.Status, Is.EqualTo("NOT_FOUND"));
    }

    [TestCase(".hidden")]
    [TestCase("has space")]
    public async Task An_invalid_tag_id_is_refused(string tag)
    {
        var image = await _sandbox.PushAsync("tag ids " + tag);

        var answer = await _sandbox.RestAsync(HttpMethod.Post, Package + "/tags?tagId=" + Uri.EscapeDataString(tag), SandboxPrincipals.Deployer, new JsonObject { ["version"] = VersionName(image.Digest) });

        Assert.That(answer.GoogleError.Status, Is.EqualTo("INVALID_ARGUMENT"));
    }

    [Test]
    public async Task Patching_a_tag_moves_it_and_the_registry_follows()
    {
        var old = await _sandbox.PushAsync("old");
        var fresh = await _sandbox.PushAsync(TestImage.Create("fresh"), Name);

        var patched = await _sandbox.RestAsync(HttpMethod.Patch, Package + "/tags/latest?updateMask=version", SandboxPrincipals.Deployer,
            new JsonObject { ["version"] = VersionName(fresh.Digest) });
        var pulled = await _sandbox.RegistryAsync(HttpMethod.Head, $"v2/{Name}/manifests/latest", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(patched.Json["version"]!.GetValue<string>(), Is.EqualTo(VersionName(fresh.Digest)));
            Assert.That(pulled.Header("Docker-Content-Digest"), Is.EqualTo(fresh.Digest));
            Assert.That(pulled.Header("Docker-Content-Digest"), Is.Not.EqualTo(old.Digest));
        });
    }

    [Test]
    public async Task Deleting_a_tag_leaves_the_version()
    {
        var image = await _sandbox.PushAsync("untag");

        var deleted = await _sandbox.RestAsync(HttpMethod.Delete, Package + "/tags/latest", SandboxPrincipals.Admin);
        var version = await _sandbox.GetAsync($"{Package}/versions/{image.Digest}?view=FULL", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(deleted.Text, Is.EqualTo("{}"));
            Assert.That(version.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(version.Json["relatedTags"], Is.Null);
        });
    }

    [Test]
    public async Task Tags_can_be_listed_by_version_the_way_gcloud_filters_them()
    {
        var image = await _sandbox.PushAsync("filtered");
        var other = await _sandbox.PushAsync(TestImage.Create("other"), Name, "other");
        await _sandbox.RestAsync(HttpMethod.Post, Package + "/tags?tagId=also", SandboxPrincipals.Deployer, new JsonObject { ["version"] = VersionName(image.Digest) });

        var filter = Uri.EscapeDataString($"version=\"{VersionName(image.Digest)}\"");
        var answer = await _sandbox.GetAsync($"{Package}/tags?filter={filter}", SandboxPrincipals.Deployer);
        var byName = await _sandbox.GetAsync($"{Package}/tags?filter=" + Uri.EscapeDataString($"name=\"{TestSandbox.RepositoryResource}/packages/sample-api/tags/oth*\""), SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Json["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>().Split('/')[^1]), Is.EqualTo(new[] { "also", "latest" }));
            Assert.That(byName.Json["tags"]!.AsArray().Select(t => t!["version"]!.GetValue<string>()), Is.EqualTo(new[] { VersionName(other.Digest) }));
        });
    }

    [Test]
    public async Task Immutable_tags_can_be_created_but_never_moved_or_deleted()
    {
        var image = await _sandbox.PushAsync("immutable");
        var other = await _sandbox.PushAsync(TestImage.Create("other immutable"), Name);
        await _sandbox.RestAsync(HttpMethod.Patch, $"v1/{TestSandbox.RepositoryResource}?updateMask=dockerConfig.immutableTags", SandboxPrincipals.Admin,
            new JsonObject { ["dockerConfig"] = new JsonObject { ["immutableTags"] = true } });

        var created = await _sandbox.RestAsync(HttpMethod.Post, Package + "/tags?tagId=v1", SandboxPrincipals.Admin, new JsonObject { ["version"] = VersionName(image.Digest) });
        var moved = await _sandbox.RestAsync(HttpMethod.Patch, Package + "/tags/v1?updateMask=version", SandboxPrincipals.Admin, new JsonObject { ["version"] = VersionName(other.Digest) });
        var deleted = await _sandbox.RestAsync(HttpMethod.Delete, Package + "/tags/v1", SandboxPrincipals.Admin);
        var forced = await _sandbox.RestAsync(HttpMethod.Delete, $"{Package}/versions/{image.Digest}?force=true", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());
            Assert.That(moved.GoogleError.Status, Is.EqualTo("FAILED_PRECONDITION"));
            Assert.That(moved.GoogleError.Message, Does.Contain("immutable tags"));
            Assert.That(deleted.GoogleError.Status, Is.EqualTo("FAILED_PRECONDITION"));
            Assert.That(forced.GoogleError.Status, Is.EqualTo("FAILED_PRECONDITION"));
        });
    }

    [Test]
    public async Task A_writer_creates_and_moves_tags_but_only_a_repository_administrator_deletes_them()
    {
        var image = await _sandbox.PushAsync("permissions");

        var created = await _sandbox.RestAsync(HttpMethod.Post, Package + "/tags?tagId=mine", SandboxPrincipals.Deployer, new JsonObject { ["version"] = VersionName(image.Digest) });
        var deleted = await _sandbox.RestAsync(HttpMethod.Delete, Package + "/tags/mine", SandboxPrincipals.Deployer);
        var viewer = await _sandbox.GetAsync(Package + "/tags", SandboxPrincipals.Viewer);

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(deleted.GoogleError.Message, Does.StartWith("Permission 'artifactregistry.tags.delete' denied"));
            Assert.That(viewer.GoogleError.Message, Does.StartWith("Permission 'artifactregistry.tags.list' denied"));
        });
    }
}
