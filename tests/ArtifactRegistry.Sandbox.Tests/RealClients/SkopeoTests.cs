using System.Text;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Tests.Support;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Json;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Sandbox.Tests.RealClients;

/// <summary>skopeo (containers/image, a registry client nobody here wrote) inspecting, copying and deleting in the sandbox.</summary>
public class SkopeoTests
{
    private TestSandbox _sandbox = null!;
    private TempDirectory _folder = null!;
    private string _authFile = null!;

    private string Host => _sandbox.Server.RegistryHost("asia");

    // Before any SetUp, so a missing skopeo skips (or, under CI, fails) each test with that reason and no TearDown runs on nothing.
    [OneTimeSetUp]
    public void RequireSkopeo() => Testing.Prerequisites.RequireProgram("skopeo");

    [SetUp]
    public async Task Start()
    {
        _sandbox = await TestSandbox.StartAsync();
        _folder = TempDirectory.Create("ar-sandbox-tests-");
        _authFile = _folder.Combine("auth.json");
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("oauth2accesstoken:" + _sandbox.Server.IssueAccessToken(SandboxPrincipals.Admin)));
        await File.WriteAllTextAsync(_authFile, new JsonObject { ["auths"] = new JsonObject { [Host] = new JsonObject { ["auth"] = auth } } }.ToJsonString());
        File.SetUnixFileMode(_authFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [TearDown]
    public async Task Stop()
    {
        _folder.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Test]
    public async Task Skopeo_inspects_a_pushed_image()
    {
        var image = await _sandbox.PushAsync("inspected");

        var inspected = (await Skopeo("inspect", "--tls-verify=false", $"docker://{Host}/sample-project/sample/sample-api:latest")).EnsureSuccess();
        var json = RequiredJson.Parse(inspected.StandardOutput, "skopeo inspect");

        Assert.Multiple(() =>
        {
            Assert.That(json.Require<string>("Digest"), Is.EqualTo(image.Digest));
            Assert.That(json.Require("RepoTags").AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "latest" }));
            Assert.That(json.Require<string>("Architecture"), Is.EqualTo("amd64"));
        });
    }

    [Test]
    public async Task Skopeo_copies_an_image_to_another_repository_and_rest_lists_it()
    {
        var image = await _sandbox.PushAsync("copied");
        _sandbox.Server.CreateRepository("sample-project", "asia", "mirror");

        var copy = await Skopeo("copy", "--preserve-digests", "--src-tls-verify=false", "--dest-tls-verify=false",
            $"docker://{Host}/sample-project/sample/sample-api:latest", $"docker://{Host}/sample-project/mirror/sample-api:copied");
        var listed = await _sandbox.GetAsync("v1/projects/sample-project/locations/asia/repositories/mirror/dockerImages", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(copy.Succeeded, Is.True, copy.StandardError);
            Assert.That(listed.Json.Require<string>("dockerImages", 0, "uri"), Is.EqualTo($"asia-docker.pkg.dev/sample-project/mirror/sample-api@{image.Digest}"));
            Assert.That(listed.Json.Require<string>("dockerImages", 0, "tags", 0), Is.EqualTo("copied"));
        });
    }

    [Test]
    public async Task Skopeo_deletes_an_untagged_digest_but_not_a_tagged_one()
    {
        var tagged = await _sandbox.PushAsync("tagged for skopeo");
        var untagged = await _sandbox.PushAsync(TestImage.Create("untagged for skopeo"), "sample-project/sample/sample-api");

        var refused = await Skopeo("delete", "--tls-verify=false", $"docker://{Host}/sample-project/sample/sample-api@{tagged.Digest}");
        var deleted = await Skopeo("delete", "--tls-verify=false", $"docker://{Host}/sample-project/sample/sample-api@{untagged.Digest}");
        var gone = await _sandbox.GetAsync($"{TestSandbox.PackagePath()}/versions/{untagged.Digest}", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Succeeded, Is.False);
            Assert.That(refused.StandardError, Does.Contain("Manifest is still referenced by tag: latest"));
            Assert.That(deleted.Succeeded, Is.True, deleted.StandardError);
            Assert.That(gone.Status, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Skopeo_lists_tags()
    {
        var image = await _sandbox.PushAsync("listed by skopeo", tag: "one");
        await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, "sample-project/sample/sample-api", "two", image.Manifest, image.MediaType);

        var listed = (await Skopeo("list-tags", "--tls-verify=false", $"docker://{Host}/sample-project/sample/sample-api")).EnsureSuccess();

        Assert.That(RequiredJson.Parse(listed.StandardOutput, "skopeo list-tags").Require("Tags").AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "one", "two" }));
    }

    private Task<CommandResult> Skopeo(params string[] arguments) =>
        ExternalProgram.RunAsync("skopeo", [arguments[0], "--authfile", _authFile, .. arguments[1..]]);
}
