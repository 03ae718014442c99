using System.Net;
using System.Net.Http.Headers;
using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Registry;

/// <summary>gcr.io names served from a repository named after the host, as Artifact Registry does after the Container Registry transition.</summary>
public class GcrHostTests
{
    private TestSandbox _sandbox = null!;

    [SetUp]
    public async Task Start()
    {
        var seed = SandboxSeed.Default
            .AddRepository("sample-project", "us", "gcr.io")
            .AddBinding("projects/sample-project/locations/us/repositories/gcr.io", "roles/artifactregistry.writer", "serviceAccount:" + SandboxPrincipals.Deployer);
        _sandbox = await TestSandbox.StartAsync(new SandboxOptions().WithSeed(seed));
    }

    [TearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    [Test]
    public void A_seeded_gcr_io_repository_gets_a_listener_of_its_own_in_the_host_map()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_sandbox.Server.RegistryHostMap.Keys, Is.EquivalentTo(new[] { "asia-docker.pkg.dev", "us-docker.pkg.dev", "gcr.io" }));
            Assert.That(_sandbox.Server.RegistryHostMap["gcr.io"], Is.Not.EqualTo(_sandbox.Server.RegistryHost("us")));
        });
    }

    [Test]
    public async Task A_push_to_gcr_io_project_image_lands_in_the_gcr_io_repository()
    {
        var host = _sandbox.Server.RegistryHostMap["gcr.io"];
        var image = TestImage.Create("from gcr.io");
        var token = await RegistryToken(host);

        foreach (var blob in new[] { image.Config, image.Layer })
            Assert.That((await Send(HttpMethod.Post, $"http://{host}/v2/sample-project/legacy-app/blobs/uploads/?digest={TestImage.DigestOf(blob)}", token, new ByteArrayContent(blob))).Status, Is.EqualTo(HttpStatusCode.Created));
        var manifest = new ByteArrayContent(image.Manifest);
        manifest.Headers.ContentType = new MediaTypeHeaderValue(image.MediaType);
        var pushed = await Send(HttpMethod.Put, $"http://{host}/v2/sample-project/legacy-app/manifests/latest", token, manifest);
        var listed = await _sandbox.GetAsync("v1/projects/sample-project/locations/us/repositories/gcr.io/dockerImages", SandboxPrincipals.Deployer);
        var viaPkgDev = await _sandbox.RegistryAsync(HttpMethod.Head, "v2/sample-project/gcr.io/legacy-app/manifests/latest", SandboxPrincipals.Deployer, location: "us");

        Assert.Multiple(() =>
        {
            Assert.That(pushed.Status, Is.EqualTo(HttpStatusCode.Created), pushed.ToString());
            Assert.That(listed.Json["dockerImages"]![0]!["name"]!.GetValue<string>(), Is.EqualTo($"projects/sample-project/locations/us/repositories/gcr.io/dockerImages/legacy-app@{image.Digest}"));
            Assert.That(viaPkgDev.Header("Docker-Content-Digest"), Is.EqualTo(image.Digest), "the same image under us-docker.pkg.dev/PROJECT/gcr.io/IMAGE");
        });
    }

    [Test]
    public async Task A_gcr_io_name_without_an_image_is_refused()
    {
        var host = _sandbox.Server.RegistryHostMap["gcr.io"];

        var answer = await Send(HttpMethod.Post, $"http://{host}/v2/sample-project/blobs/uploads/", await RegistryToken(host));

        Assert.That(answer.RegistryError, Is.EqualTo(("NAME_INVALID", "Missing image name. Pushes should be of the form docker push gcr.io/PROJECT-ID/IMAGE")));
    }

    private async Task<string> RegistryToken(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{host}/v2/token");
        request.Headers.Authorization = TestSandbox.Basic("oauth2accesstoken", _sandbox.Token(SandboxPrincipals.Deployer));
        var answer = await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(request));
        return answer.Json["token"]!.GetValue<string>();
    }

    private async Task<RestAnswer> Send(HttpMethod method, string url, string token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(request));
    }
}
