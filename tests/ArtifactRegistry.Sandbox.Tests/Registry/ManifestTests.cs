using System.Net;
using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Registry;

public class ManifestTests
{
    private const string Name = "sample-project/sample/sample-api";
    private TestSandbox _sandbox = null!;

    [SetUp]
    public async Task Start() => _sandbox = await TestSandbox.StartAsync();

    [TearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    [TestCase(TestImage.DockerManifest)]
    [TestCase(TestImage.OciManifest)]
    public async Task A_pushed_manifest_is_served_byte_for_byte_by_tag_and_by_digest(string mediaType)
    {
        var image = await _sandbox.PushAsync(TestImage.Create("by tag and digest", mediaType), Name, "v1");

        var byTag = await _sandbox.RegistryAsync(HttpMethod.Get, $"v2/{Name}/manifests/v1", SandboxPrincipals.Deployer, headers: ("Accept", mediaType));
        var byDigest = await _sandbox.RegistryAsync(HttpMethod.Get, $"v2/{Name}/manifests/{image.Digest}", SandboxPrincipals.Deployer, headers: ("Accept", mediaType));
        var head = await _sandbox.RegistryAsync(HttpMethod.Head, $"v2/{Name}/manifests/v1", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(byTag.Text, Is.EqualTo(System.Text.Encoding.UTF8.GetString(image.Manifest)));
            Assert.That(byTag.ContentHeaders.ContentType!.MediaType, Is.EqualTo(mediaType));
            Assert.That(byTag.Header("Docker-Content-Digest"), Is.EqualTo(image.Digest));
            Assert.That(byDigest.Text, Is.EqualTo(byTag.Text));
            Assert.That(head.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(head.Header("Docker-Content-Digest"), Is.EqualTo(image.Digest));
            Assert.That(head.Text, Is.Empty);
        });
    }

    [Test]
    public async Task A_put_answers_201_with_the_digest_and_its_location()
    {
        var image = TestImage.Create("put answer");
        await _sandbox.PushBlobAsync(SandboxPrincipals.Deployer, Name, image.Config);
        await _sandbox.PushBlobAsync(SandboxPrincipals.Deployer, Name, image.Layer);

        var answer = await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, Name, "latest", image.Manifest, image.MediaType);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(answer.Header("Docker-Content-Digest"), Is.EqualTo(image.Digest));
            Assert.That(answer.Header("Location"), Is.EqualTo($"http://{_sandbox.Server.RegistryHost("asia")}/v2/{Name}/manifests/{image.Digest}"));
        });
    }

    [Test]
    public async Task A_manifest_naming_a_blob_the_repository_lacks_is_refused()
    {
        var image = TestImage.Create("missing layer");
        await _sandbox.PushBlobAsync(SandboxPrincipals.Deployer, Name, image.Config);

        var answer = await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, Name, "latest", image.Manifest, image.MediaType);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(answer.RegistryError.Code, Is.EqualTo("MANIFEST_BLOB_UNKNOWN"));
            Assert.That(answer.Json["errors"]![0]!["detail"]!.GetValue<string>(), Is.EqualTo(image.LayerDigest));
        });
    }

    [Test]
    public async Task A_put_by_digest_must_match_the_content()
    {
        var image = TestImage.Create("wrong digest");
        await _sandbox.PushBlobAsync(SandboxPrincipals.Deployer, Name, image.Config);
        await _sandbox.PushBlobAsync(SandboxPrincipals.Deployer, Name, image.Layer);

        var answer = await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, Name, TestImage.DigestOf([1]), image.Manifest, image.MediaType);

        Assert.That(answer.RegistryError.Code, Is.EqualTo("DIGEST_INVALID"));
    }

    [Test]
    public async Task Schema_1_manifests_are_refused()
    {
        var answer = await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, Name, "old",
            "{\"schemaVersion\":1,\"name\":\"x\",\"tag\":\"old\",\"fsLayers\":[]}"u8.ToArray(), "application/vnd.docker.distribution.manifest.v1+prettyjws");

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(answer.RegistryError.Code, Is.EqualTo("MANIFEST_INVALID"));
            Assert.That(answer.RegistryError.Message, Does.Contain("schema 1 is not supported"));
        });
    }

    [TestCase(TestImage.DockerList, TestImage.DockerManifest)]
    [TestCase(TestImage.OciIndex, TestImage.OciManifest)]
    public async Task A_multi_platform_index_is_stored_when_its_platform_manifests_are_there(string indexType, string childType)
    {
        var amd64 = await _sandbox.PushAsync(TestImage.Create("amd64 child", childType, "amd64"), Name);
        var arm64 = await _sandbox.PushAsync(TestImage.Create("arm64 child", childType, "arm64"), Name);
        var index = TestImage.Index(indexType, (amd64, "amd64"), (arm64, "arm64"));

        var pushed = await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, Name, "multi", index, indexType);
        var fetched = await _sandbox.RegistryAsync(HttpMethod.Get, $"v2/{Name}/manifests/multi", SandboxPrincipals.Deployer, headers: ("Accept", indexType));

        Assert.Multiple(() =>
        {
            Assert.That(pushed.Status, Is.EqualTo(HttpStatusCode.Created), pushed.ToString());
            Assert.That(fetched.ContentHeaders.ContentType!.MediaType, Is.EqualTo(indexType));
            Assert.That(fetched.Header("Docker-Content-Digest"), Is.EqualTo(TestImage.DigestOf(index)));
        });
    }

    [Test]
    public async Task An_index_whose_platform_manifest_was_never_pushed_is_refused()
    {
        var missing = TestImage.Create("never pushed");
        var index = TestImage.Index(TestImage.OciIndex, (missing, "amd64"));

        var answer = await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, Name, "broken", index, TestImage.OciIndex);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(answer.RegistryError.Code, Is.EqualTo("MANIFEST_UNKNOWN"));
            Assert.That(answer.RegistryError.Message, Does.Contain(missing.Digest));
        });
    }

    [Test]
    public async Task An_index_is_not_served_to_a_client_that_does_not_accept_indexes()
    {
        var child = await _sandbox.PushAsync(TestImage.Create("only child", TestImage.OciManifest), Name);
        await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, Name, "multi", TestImage.Index(TestImage.OciIndex, (child, "amd64")), TestImage.OciIndex);

        var answer = await _sandbox.RegistryAsync(HttpMethod.Get, $"v2/{Name}/manifests/multi", SandboxPrincipals.Deployer, headers: ("Accept", TestImage.DockerManifest));

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(answer.RegistryError.Code, Is.EqualTo("MANIFEST_UNKNOWN"));
        });
    }

    [Test]
    public async Task An_unknown_tag_answers_googles_failed_to_fetch()
    {
        var answer = await _sandbox.RegistryAsync(HttpMethod.Get, $"v2/{Name}/manifests/nope", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(answer.RegistryError, Is.EqualTo(("MANIFEST_UNKNOWN", "Failed to fetch \"nope\"")));
        });
    }

    [Test]
    public async Task Deleting_a_tag_removes_only_that_tag()
    {
        var image = await _sandbox.PushAsync(TestImage.Create("two tags"), Name, "keep");
        await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, Name, "drop", image.Manifest, image.MediaType);

        var deleted = await _sandbox.RegistryAsync(HttpMethod.Delete, $"v2/{Name}/manifests/drop", SandboxPrincipals.Admin);
        var dropped = await _sandbox.RegistryAsync(HttpMethod.Head, $"v2/{Name}/manifests/drop", SandboxPrincipals.Deployer);
        var kept = await _sandbox.RegistryAsync(HttpMethod.Head, $"v2/{Name}/manifests/keep", SandboxPrincipals.Deployer);
        var byDigest = await _sandbox.RegistryAsync(HttpMethod.Head, $"v2/{Name}/manifests/{image.Digest}", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.Accepted), deleted.ToString());
            Assert.That(dropped.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(kept.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(byDigest.Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Deleting_a_tagged_digest_is_refused_until_its_tags_are_gone()
    {
        var image = await _sandbox.PushAsync(TestImage.Create("tagged digest"), Name, "latest");

        var refused = await _sandbox.RegistryAsync(HttpMethod.Delete, $"v2/{Name}/manifests/{image.Digest}", SandboxPrincipals.Admin);
        await _sandbox.RegistryAsync(HttpMethod.Delete, $"v2/{Name}/manifests/latest", SandboxPrincipals.Admin);
        var deleted = await _sandbox.RegistryAsync(HttpMethod.Delete, $"v2/{Name}/manifests/{image.Digest}", SandboxPrincipals.Admin);
        var gone = await _sandbox.RegistryAsync(HttpMethod.Head, $"v2/{Name}/manifests/{image.Digest}", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(refused.RegistryError, Is.EqualTo(("GOOGLE_MANIFEST_DANGLING_TAG", "Manifest is still referenced by tag: latest")));
            Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(gone.Status, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task A_platform_manifest_of_an_index_cannot_be_deleted_while_the_index_exists()
    {
        var child = await _sandbox.PushAsync(TestImage.Create("child of index"), Name);
        var index = TestImage.Index(TestImage.DockerList, (child, "amd64"));
        await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, Name, "multi", index, TestImage.DockerList);

        var answer = await _sandbox.RegistryAsync(HttpMethod.Delete, $"v2/{Name}/manifests/{child.Digest}", SandboxPrincipals.Admin);

        Assert.That(answer.RegistryError, Is.EqualTo(("GOOGLE_MANIFEST_DANGLING_PARENT_IMAGE", $"Manifest {child.Digest} is referenced by image {TestImage.DigestOf(index)}")));
    }

    [Test]
    public async Task Tags_list_answers_the_tags_and_googles_manifest_and_child_fields()
    {
        var image = await _sandbox.PushAsync(TestImage.Create("listed"), Name, "b");
        await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, Name, "a", image.Manifest, image.MediaType);
        var untagged = await _sandbox.PushAsync(TestImage.Create("untagged"), Name);
        await _sandbox.PushAsync(TestImage.Create("nested"), Name + "/nested", "latest");

        var answer = await _sandbox.RegistryAsync(HttpMethod.Get, $"v2/{Name}/tags/list", SandboxPrincipals.Deployer);

        var json = answer.Json;
        Assert.Multiple(() =>
        {
            Assert.That(json["name"]!.GetValue<string>(), Is.EqualTo(Name));
            Assert.That(json["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(json["child"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "nested" }));
            Assert.That(json["manifest"]![image.Digest]!["tag"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(json["manifest"]![untagged.Digest]!["tag"]!.AsArray(), Is.Empty);
        });
    }

    [Test]
    public async Task Tags_list_pages_with_n_and_last_and_a_link_to_the_next_page()
    {
        var image = await _sandbox.PushAsync(TestImage.Create("paged"), Name, "t1");
        foreach (var tag in new[] { "t2", "t3" })
            await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, Name, tag, image.Manifest, image.MediaType);

        var first = await _sandbox.RegistryAsync(HttpMethod.Get, $"v2/{Name}/tags/list?n=2", SandboxPrincipals.Deployer);
        var second = await _sandbox.RegistryAsync(HttpMethod.Get, $"v2/{Name}/tags/list?n=2&last=t2", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(first.Json["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "t1", "t2" }));
            Assert.That(first.Header("Link"), Is.EqualTo($"</v2/{Name}/tags/list?n=2&last=t2>; rel=\"next\""));
            Assert.That(second.Json["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "t3" }));
            Assert.That(second.Header("Link"), Is.Null);
        });
    }

    [Test]
    public async Task The_catalog_lists_the_images_the_caller_may_list()
    {
        await _sandbox.PushAsync(TestImage.Create("catalogued"), Name, "latest");

        var deployer = await _sandbox.RegistryAsync(HttpMethod.Get, "v2/_catalog", SandboxPrincipals.Deployer);
        var viewer = await _sandbox.RegistryAsync(HttpMethod.Get, "v2/_catalog", SandboxPrincipals.Viewer);

        Assert.Multiple(() =>
        {
            Assert.That(deployer.Json["repositories"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { Name }));
            Assert.That(viewer.Json["repositories"]!.AsArray(), Is.Empty);
        });
    }
}
