using System.Net;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Rest;

/// <summary>Packages and versions: what docker pushed, seen and deleted through REST.</summary>
public class VersionsApiTests
{
    private const string Name = "sample-project/sample/sample-api";
    // Moved by hand between pushes, so two pushes never share a timestamp and their order is certain.
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private TestSandbox _sandbox = null!;

    private static string Package => TestSandbox.PackagePath();

    [SetUp]
    public async Task Start() => _sandbox = await TestSandbox.StartAsync(new SandboxOptions().WithTimeProvider(_clock));

    [TearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    [Test]
    public async Task A_pushed_image_is_a_package_with_a_version_named_by_its_digest()
    {
        var image = await _sandbox.PushAsync("listed version");

        var packages = await _sandbox.GetAsync($"v1/{TestSandbox.RepositoryResource}/packages", SandboxPrincipals.Deployer);
        var versions = await _sandbox.GetAsync(Package + "/versions", SandboxPrincipals.Deployer);
        var version = versions.Json["versions"]![0]!;

        Assert.Multiple(() =>
        {
            Assert.That(packages.Json["packages"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()),
                Is.EqualTo(new[] { $"{TestSandbox.RepositoryResource}/packages/sample-api" }));
            Assert.That(version["name"]!.GetValue<string>(), Is.EqualTo($"{TestSandbox.RepositoryResource}/packages/sample-api/versions/{image.Digest}"));
            Assert.That(version["metadata"]!["mediaType"]!.GetValue<string>(), Is.EqualTo(TestImage.DockerManifest));
            Assert.That(version["metadata"]!["buildTime"]!.GetValue<string>(), Is.EqualTo("2024-05-06T07:08:09.000000Z"));
            Assert.That(version["relatedTags"], Is.Null, "BASIC view has no tags");
        });
    }

    [Test]
    public async Task The_full_view_adds_related_tags()
    {
        var image = await _sandbox.PushAsync("full view");

        var full = await _sandbox.GetAsync(Package + "/versions?view=FULL", SandboxPrincipals.Deployer);
        var single = await _sandbox.GetAsync($"{Package}/versions/{image.Digest}?view=FULL", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(full.Json["versions"]![0]!["relatedTags"]![0]!["name"]!.GetValue<string>(), Is.EqualTo($"{TestSandbox.RepositoryResource}/packages/sample-api/tags/latest"));
            Assert.That(single.Json["relatedTags"]![0]!["version"]!.GetValue<string>(), Is.EqualTo($"{TestSandbox.RepositoryResource}/packages/sample-api/versions/{image.Digest}"));
        });
    }

    [Test]
    public async Task Nested_image_paths_are_packages_with_escaped_slashes()
    {
        await _sandbox.PushAsync(TestImage.Create("nested"), "sample-project/sample/team/app", "v1");

        var packages = await _sandbox.GetAsync($"v1/{TestSandbox.RepositoryResource}/packages", SandboxPrincipals.Deployer);
        var package = await _sandbox.GetAsync(TestSandbox.PackagePath("team/app"), SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(packages.Json["packages"]![0]!["name"]!.GetValue<string>(), Is.EqualTo($"{TestSandbox.RepositoryResource}/packages/team%2Fapp"));
            Assert.That(package.Status, Is.EqualTo(HttpStatusCode.OK), package.ToString());
        });
    }

    [Test]
    public async Task A_tagged_version_is_only_deleted_with_force_and_then_its_tags_go_too()
    {
        var image = await _sandbox.PushAsync("forced");

        var refused = await _sandbox.RestAsync(HttpMethod.Delete, $"{Package}/versions/{image.Digest}", SandboxPrincipals.Admin);
        var forced = await _sandbox.RestAsync(HttpMethod.Delete, $"{Package}/versions/{image.Digest}?force=true", SandboxPrincipals.Admin);
        var tag = await _sandbox.GetAsync(Package + "/tags/latest", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(refused.GoogleError.Status, Is.EqualTo("FAILED_PRECONDITION"));
            Assert.That(refused.GoogleError.Message, Does.Contain("tagged (latest)"));
            Assert.That(forced.Json["done"]!.GetValue<bool>(), Is.True);
            Assert.That(tag.Status, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task An_untagged_version_is_deleted_and_its_package_disappears_with_its_last_version()
    {
        var image = await _sandbox.PushAsync(TestImage.Create("untagged"), Name);

        var denied = await _sandbox.RestAsync(HttpMethod.Delete, $"{Package}/versions/{image.Digest}", SandboxPrincipals.Deployer);
        var deleted = await _sandbox.RestAsync(HttpMethod.Delete, $"{Package}/versions/{image.Digest}", SandboxPrincipals.Admin);
        var package = await _sandbox.GetAsync(Package, SandboxPrincipals.Admin);
        var pulled = await _sandbox.RegistryAsync(HttpMethod.Head, $"v2/{Name}/manifests/{image.Digest}", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(denied.GoogleError.Message, Does.StartWith("Permission 'artifactregistry.versions.delete' denied"));
            Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.OK), deleted.ToString());
            Assert.That(package.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(pulled.Status, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task A_platform_manifest_of_an_index_is_not_deleted_even_with_force()
    {
        var child = await _sandbox.PushAsync(TestImage.Create("platform"), Name);
        var index = TestImage.Index(TestImage.OciIndex, (child, "amd64"));
        await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, Name, "latest", index, TestImage.OciIndex);

        var answer = await _sandbox.RestAsync(HttpMethod.Delete, $"{Package}/versions/{child.Digest}?force=true", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(answer.GoogleError.Status, Is.EqualTo("FAILED_PRECONDITION"));
            Assert.That(answer.GoogleError.Message, Does.Contain($"is referenced by image {TestImage.DigestOf(index)}"));
        });
    }

    [Test]
    public async Task Batch_delete_deletes_what_it_can_and_reports_the_rest_as_failed_versions()
    {
        var untagged = await _sandbox.PushAsync(TestImage.Create("batch untagged"), Name);
        var tagged = await _sandbox.PushAsync(TestImage.Create("batch tagged"), Name, "keep");
        var prefix = $"{TestSandbox.RepositoryResource}/packages/sample-api/versions/";
        var body = new JsonObject { ["names"] = new JsonArray(prefix + untagged.Digest, prefix + tagged.Digest) };

        var answer = await _sandbox.RestAsync(HttpMethod.Post, Package + "/versions:batchDelete", SandboxPrincipals.Admin, body);
        var remaining = await _sandbox.GetAsync(Package + "/versions", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Json["metadata"]!["@type"]!.GetValue<string>(), Is.EqualTo("type.googleapis.com/google.devtools.artifactregistry.v1.BatchDeleteVersionsMetadata"));
            Assert.That(answer.Json["metadata"]!["failedVersions"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { prefix + tagged.Digest }));
            Assert.That(remaining.Json["versions"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()), Is.EqualTo(new[] { prefix + tagged.Digest }));
        });
    }

    [Test]
    public async Task Batch_delete_takes_an_index_and_its_platform_manifests_together()
    {
        var child = await _sandbox.PushAsync(TestImage.Create("batch child"), Name);
        var index = TestImage.Index(TestImage.OciIndex, (child, "amd64"));
        await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, Name, TestImage.DigestOf(index), index, TestImage.OciIndex);
        var prefix = $"{TestSandbox.RepositoryResource}/packages/sample-api/versions/";

        var answer = await _sandbox.RestAsync(HttpMethod.Post, Package + "/versions:batchDelete", SandboxPrincipals.Admin,
            new JsonObject { ["names"] = new JsonArray(prefix + child.Digest, prefix + TestImage.DigestOf(index)) });
        var package = await _sandbox.GetAsync(Package, SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Json["metadata"]!["failedVersions"], Is.Null, answer.ToString());
            Assert.That(package.Status, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Batch_delete_with_validate_only_deletes_nothing()
    {
        var image = await _sandbox.PushAsync(TestImage.Create("validate only"), Name);
        var body = new JsonObject
        {
            ["names"] = new JsonArray($"{TestSandbox.RepositoryResource}/packages/sample-api/versions/{image.Digest}"),
            ["validateOnly"] = true,
        };

        await _sandbox.RestAsync(HttpMethod.Post, Package + "/versions:batchDelete", SandboxPrincipals.Admin, body);
        var version = await _sandbox.GetAsync($"{Package}/versions/{image.Digest}", SandboxPrincipals.Admin);

        Assert.That(version.Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Batch_delete_refuses_versions_of_another_package()
    {
        var answer = await _sandbox.RestAsync(HttpMethod.Post, Package + "/versions:batchDelete", SandboxPrincipals.Admin,
            new JsonObject { ["names"] = new JsonArray($"{TestSandbox.RepositoryResource}/packages/other/versions/sha256:{new string('a', 64)}") });

        Assert.That(answer.GoogleError.Status, Is.EqualTo("INVALID_ARGUMENT"));
    }

    [Test]
    public async Task Deleting_a_package_removes_all_its_versions_and_tags()
    {
        await _sandbox.PushAsync("package one");
        await _sandbox.PushAsync("package two", tag: "v2");

        var deleted = await _sandbox.RestAsync(HttpMethod.Delete, Package, SandboxPrincipals.Admin);
        var tags = await _sandbox.RegistryAsync(HttpMethod.Get, $"v2/{Name}/tags/list", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(deleted.Json["done"]!.GetValue<bool>(), Is.True);
            Assert.That(tags.Json["tags"]!.AsArray(), Is.Empty);
        });
    }

    [Test]
    public async Task Versions_can_be_filtered_by_name_and_ordered_by_time_and_unknown_filter_fields_are_refused()
    {
        var first = await _sandbox.PushAsync(TestImage.Create("ordered 1"), Name);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var second = await _sandbox.PushAsync(TestImage.Create("ordered 2"), Name);

        var byName = await _sandbox.GetAsync($"{Package}/versions?filter=" + Uri.EscapeDataString($"name=\"{TestSandbox.RepositoryResource}/packages/sample-api/versions/{first.Digest}\""), SandboxPrincipals.Deployer);
        var newestFirst = await _sandbox.GetAsync($"{Package}/versions?orderBy=" + Uri.EscapeDataString("create_time desc"), SandboxPrincipals.Deployer);
        var badField = await _sandbox.GetAsync($"{Package}/versions?filter=" + Uri.EscapeDataString("owner=\"me\""), SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(byName.Json["versions"]!.AsArray().Select(v => v!["name"]!.GetValue<string>().Split('/')[^1]), Is.EqualTo(new[] { first.Digest }));
            Assert.That(newestFirst.Json["versions"]!.AsArray().Select(v => v!["name"]!.GetValue<string>().Split('/')[^1]), Is.EqualTo(new[] { second.Digest, first.Digest }));
            Assert.That(badField.GoogleError.Status, Is.EqualTo("INVALID_ARGUMENT"));
        });
    }
}
