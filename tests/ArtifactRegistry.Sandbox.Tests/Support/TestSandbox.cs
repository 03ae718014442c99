using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ArtifactRegistry.Sandbox.Tests.Support;

/// <summary>
/// An in-process sandbox with a plain <see cref="HttpClient"/> and the few helpers every test repeats: REST calls with a
/// principal's token, registry tokens, and pushing in-memory images through the Registry API.
/// </summary>
internal sealed class TestSandbox : IAsyncDisposable
{
    public const string Project = "sample-project";
    public const string Location = "asia";
    public const string Repository = "sample";
    public const string RepositoryResource = "projects/sample-project/locations/asia/repositories/sample";

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    private TestSandbox(SandboxServer server)
    {
        Server = server;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) });
    }

    public SandboxServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<TestSandbox> StartAsync(SandboxOptions? options = null) => new(await SandboxServer.StartAsync(options));

    public string Token(string principal)
    {
        lock (_tokens)
        {
            if (!_tokens.TryGetValue(principal, out var token))
                _tokens[principal] = token = Server.IssueAccessToken(principal);
            return token;
        }
    }

    public Uri Api(string path) => new(Server.ApiEndpoint, path.TrimStart('/'));

    public Uri Registry(string path, string location = Location) => new($"http://{Server.RegistryHost(location)}/{path.TrimStart('/')}");

    /// <summary>A REST call with <paramref name="principal"/>'s access token (none when null); a JSON body when <paramref name="body"/> is given.</summary>
    public async Task<RestAnswer> RestAsync(HttpMethod method, string path, string? principal, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, Api(path));
        if (principal is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(principal));
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await RestAnswer.ReadAsync(await Http.SendAsync(request));
    }

    public Task<RestAnswer> GetAsync(string path, string? principal) => RestAsync(HttpMethod.Get, path, principal);

    /// <summary>A registry bearer token for <paramref name="principal"/>, from <c>/v2/token</c> with Basic <c>oauth2accesstoken</c>.</summary>
    public async Task<string> RegistryTokenAsync(string principal, string scope = "", string location = Location)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Registry("v2/token?service=" + location + "-docker.pkg.dev" + (scope.Length > 0 ? "&scope=" + Uri.EscapeDataString(scope) : ""), location));
        request.Headers.Authorization = Basic("oauth2accesstoken", Token(principal));
        var answer = await RestAnswer.ReadAsync(await Http.SendAsync(request));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        return answer.Json["token"]!.GetValue<string>();
    }

    /// <summary>A Registry API call with a registry token for <paramref name="principal"/> (none when null).</summary>
    public async Task<RestAnswer> RegistryAsync(HttpMethod method, string path, string? principal, HttpContent? content = null, string location = Location, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, Registry(path, location)) { Content = content };
        if (principal is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await RegistryTokenAsync(principal, location: location));
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return await RestAnswer.ReadAsync(await Http.SendAsync(request));
    }

    /// <summary>Uploads a blob monolithically (<c>POST ?digest=</c>) into the repository of <paramref name="name"/>.</summary>
    public async Task<RestAnswer> PushBlobAsync(string principal, string name, byte[] blob, string location = Location) =>
        await RegistryAsync(HttpMethod.Post, $"v2/{name}/blobs/uploads/?digest={TestImage.DigestOf(blob)}", principal, new ByteArrayContent(blob), location);

    public async Task<RestAnswer> PushManifestAsync(string principal, string name, string reference, byte[] manifest, string mediaType, string location = Location)
    {
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await RegistryAsync(HttpMethod.Put, $"v2/{name}/manifests/{reference}", principal, content, location);
    }

    /// <summary>Pushes config, layer and manifest of <paramref name="image"/> as <paramref name="principal"/>; asserts every step worked.</summary>
    public async Task<TestImage> PushAsync(TestImage image, string name, string? tag = null, string principal = SandboxPrincipals.Deployer)
    {
        foreach (var blob in new[] { image.Config, image.Layer })
        {
            var uploaded = await PushBlobAsync(principal, name, blob);
            Assert.That(uploaded.Status, Is.EqualTo(HttpStatusCode.Created), uploaded.ToString());
        }

        var pushed = await PushManifestAsync(principal, name, tag ?? image.Digest, image.Manifest, image.MediaType);
        Assert.That(pushed.Status, Is.EqualTo(HttpStatusCode.Created), pushed.ToString());
        return image;
    }

    /// <summary>
    /// Pushes a multi-platform image the way a per-platform build does: each platform's image by digest (blobs, then manifest),
    /// then an OCI index over them under <paramref name="tag"/>. Returns the index's digest and each platform's image.
    /// </summary>
    public async Task<(string Digest, IReadOnlyList<TestImage> Images)> PushIndexAsync(string name, string tag, string payload, params string[] architectures)
    {
        var images = new List<TestImage>();
        foreach (var architecture in architectures)
            images.Add(await PushAsync(TestImage.Create($"{payload} {architecture}", TestImage.OciManifest, architecture), name));
        var index = TestImage.Index(TestImage.OciIndex, [.. images.Zip(architectures)]);
        var pushed = await PushManifestAsync(SandboxPrincipals.Deployer, name, tag, index, TestImage.OciIndex);
        Assert.That(pushed.Status, Is.EqualTo(HttpStatusCode.Created), pushed.ToString());
        return (TestImage.DigestOf(index), images);
    }

    public Task<TestImage> PushAsync(string payload, string image = "sample-api", string? tag = "latest") =>
        PushAsync(TestImage.Create(payload), $"{Project}/{Repository}/{image}", tag);

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    public static string PackagePath(string image = "sample-api") => $"v1/{RepositoryResource}/packages/{image.Replace("/", "%252F")}";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
