using System.Net;
using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Rest;

public class DockerImagesApiTests
{
    private const string Name = "sample-project/sample/sample-api";
    private const string Images = "v1/projects/sample-project/locations/asia/repositories/sample/dockerImages";
    // Moved by hand between pushes, so two pushes never share a timestamp and their order is certain.
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private TestSandbox _sandbox = null!;

    [SetUp]
    public async Task Start() => _sandbox = await TestSandbox.StartAsync(new SandboxOptions().WithTimeProvider(_clock));

    [TearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    [Test]
    public async Task A_pushed_image_is_listed_with_uri_tags_size_media_type_and_times()
    {
        var image = await _sandbox.PushAsync("docker image");

        var answer = await _sandbox.GetAsync(Images, SandboxPrincipals.Deployer);
        var listed = answer.Json["dockerImages"]![0]!;

        Assert.Multiple(() =>
        {
            Assert.That(listed["name"]!.GetValue<string>(), Is.EqualTo($"{TestSandbox.RepositoryResource}/dockerImages/sample-api@{image.Digest}"));
            Assert.That(listed["uri"]!.GetValue<string>(), Is.EqualTo($"asia-docker.pkg.dev/sample-project/sample/sample-api@{image.Digest}"));
            Assert.That(listed["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "latest" }));
            Assert.That(listed["imageSizeBytes"]!.GetValue<string>(), Is.EqualTo((image.Manifest.Length + image.Config.Length + image.Layer.Length).ToString()));
            Assert.That(listed["mediaType"]!.GetValue<string>(), Is.EqualTo(TestImage.DockerManifest));
            Assert.That(listed["buildTime"]!.GetValue<string>(), Is.EqualTo("2024-05-06T07:08:09.000000Z"));
            Assert.That(DateTimeOffset.Parse(listed["uploadTime"]!.GetValue<string>()), Is.EqualTo(_clock.GetUtcNow()).Within(TimeSpan.FromMilliseconds(1)));
        });
    }

    [Test]
    public async Task An_index_lists_its_platform_manifests()
    {
        var amd64 = await _sandbox.PushAsync(TestImage.Create("amd64", TestImage.OciManifest, "amd64"), Name);
        var arm64 = await _sandbox.PushAsync(TestImage.Create("arm64", TestImage.OciManifest, "arm64"), Name);
        var index = TestImage.Index(TestImage.OciIndex, (amd64, "amd64"), (arm64, "arm64"));
        await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, Name, "multi", index, TestImage.OciIndex);

        var answer = await _sandbox.GetAsync($"{Images}/sample-api@{TestImage.DigestOf(index)}", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Json["mediaType"]!.GetValue<string>(), Is.EqualTo(TestImage.OciIndex));
            Assert.That(answer.Json["imageManifests"]!.AsArray().Select(m => (m!["architecture"]!.GetValue<string>(), m["digest"]!.GetValue<string>())),
                Is.EqualTo(new[] { ("amd64", amd64.Digest), ("arm64", arm64.Digest) }));
            Assert.That(long.Parse(answer.Json["imageSizeBytes"]!.GetValue<string>()), Is.GreaterThan(index.Length), "an index counts its platforms' sizes");
        });
    }

    [Test]
    public async Task Get_of_a_nested_image_takes_the_escaped_id()
    {
        var image = await _sandbox.PushAsync(TestImage.Create("nested docker image"), "sample-project/sample/team/app", "v1");

        var answer = await _sandbox.GetAsync($"{Images}/team%252Fapp@{image.Digest}", SandboxPrincipals.Deployer);

        Assert.That(answer.Json["uri"]!.GetValue<string>(), Is.EqualTo($"asia-docker.pkg.dev/sample-project/sample/team/app@{image.Digest}"), answer.ToString());
    }

    [Test]
    public async Task Images_can_be_ordered_by_upload_time()
    {
        var first = await _sandbox.PushAsync(TestImage.Create("z first"), Name);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var second = await _sandbox.PushAsync(TestImage.Create("a second"), Name);

        var answer = await _sandbox.GetAsync(Images + "?orderBy=" + Uri.EscapeDataString("upload_time desc"), SandboxPrincipals.Deployer);

        Assert.That(answer.Json["dockerImages"]!.AsArray().Select(i => i!["uri"]!.GetValue<string>().Split('@')[1]), Is.EqualTo(new[] { second.Digest, first.Digest }));
    }

    [Test]
    public async Task A_principal_without_a_role_cannot_list_images()
    {
        var answer = await _sandbox.GetAsync(Images, SandboxPrincipals.Viewer);

        Assert.That(answer.GoogleError.Message, Does.StartWith("Permission 'artifactregistry.dockerimages.list' denied"));
    }

    [Test]
    public async Task Get_of_an_image_that_does_not_exist_is_not_found()
    {
        var answer = await _sandbox.GetAsync($"{Images}/sample-api@sha256:{new string('1', 64)}", SandboxPrincipals.Deployer);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
