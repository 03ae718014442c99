using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.IntegrationTests.DockerAuth;
using ArtifactRegistry.References;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.Pruning;

/// <summary>
/// The sandbox as Artifact Registry for prune, tag and delete tests: versions seeded through the Docker Registry HTTP API at
/// chosen ages (the sandbox's clock is set back for each push), the registry's state read back through REST as an admin,
/// and a context acting as a chosen principal.
/// </summary>
internal sealed class PruneWorld : IAsyncDisposable
{
    public const string Project = "sample-project";
    public const string Repository = "sample";
    private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    private const string OciIndex = "application/vnd.oci.image.index.v1+json";

    private static readonly byte[] Config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
    private static readonly byte[] Layer = Encoding.UTF8.GetBytes("prune test layer");

    private readonly HttpClient _http = new();
    private readonly HashSet<string> _blobsPushed = [];

    private PruneWorld(SandboxServer sandbox, SettableClock clock)
    {
        Sandbox = sandbox;
        Clock = clock;
    }

    public SandboxServer Sandbox { get; }

    public SettableClock Clock { get; }

    public ListLogger Log { get; } = new();

    public static async Task<PruneWorld> StartAsync(SandboxFaultPlan? faults = null)
    {
        var clock = new SettableClock();
        var options = new SandboxOptions().WithTimeProvider(clock).WithAccessTokenLifetime(TimeSpan.FromDays(3650));
        if (faults is not null)
            options = options.WithFaults(faults);
        return new PruneWorld(await SandboxServer.StartAsync(options), clock);
    }

    /// <summary><c>asia-docker.pkg.dev/sample-project/REPOSITORY/IMAGE</c>.</summary>
    public static string Canonical(string image, string repository = Repository) => $"asia-docker.pkg.dev/{Project}/{repository}/{image}";

    public static PackageName Package(string image, string repository = Repository) => ImageReference.Parse(Canonical(image, repository)).PackageName;

    /// <summary>A context acting as <paramref name="principal"/> against the sandbox's REST API, on the world's clock.</summary>
    public OperationContext Context(string principal = SandboxPrincipals.Admin) => OperationContext.Default
        .SetAccessTokenSource(Tokens(principal))
        .SetArtifactRegistryEndpoint(Sandbox.ApiEndpoint)
        .SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", null)
        .SetEnvironmentVariable("GCE_METADATA_HOST", "127.0.0.1:9")
        .SetTime(Clock)
        .SetLogger(Log);

    public IAccessTokenSource Tokens(string principal) => new RefreshingAccessTokenSource(
        $"sandbox tokens of {principal}", GooglePrincipal.ServiceAccount(principal),
        _ =>
        {
            var now = DateTimeOffset.UtcNow;
            return Task.FromResult(new AccessToken(Sandbox.IssueAccessToken(principal, TimeSpan.FromDays(3650)), now, now.AddDays(3650)));
        });

    /// <summary>Pushes a single-platform image uploaded <paramref name="ageDays"/> ago, tagged with <paramref name="tags"/>; returns its digest.</summary>
    public async Task<ImageDigest> PushAsync(string image, string payload, double ageDays, string repository = Repository, params string[] tags)
    {
        await EnsureBlobsAsync(image, repository);
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciManifest,
            ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", Config),
            ["layers"] = new JsonArray(Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", Layer)),
            ["annotations"] = new JsonObject { ["payload"] = payload },
        }.ToJsonString());
        return await PutManifestAsync(image, repository, manifest, OciManifest, ageDays, tags);
    }

    /// <summary>Pushes an OCI index over <paramref name="children"/> (already pushed), uploaded <paramref name="ageDays"/> ago.</summary>
    public async Task<ImageDigest> PushIndexAsync(string image, IReadOnlyList<ImageDigest> children, double ageDays, string repository = Repository, params string[] tags)
    {
        var manifests = new JsonArray();
        var architectures = new[] { "amd64", "arm64", "s390x", "ppc64le" };
        for (var i = 0; i < children.Count; i++)
        {
            var child = await ManifestBytesAsync(image, repository, children[i]);
            var descriptor = Descriptor(OciManifest, child);
            descriptor["platform"] = new JsonObject { ["architecture"] = architectures[i % architectures.Length], ["os"] = "linux" };
            manifests.Add(descriptor);
        }

        var index = Encoding.UTF8.GetBytes(new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = OciIndex, ["manifests"] = manifests }.ToJsonString());
        return await PutManifestAsync(image, repository, index, OciIndex, ageDays, tags);
    }

    /// <summary>The registry's state of one image: digest → tags, read through REST (<c>versions.list?view=FULL</c>) as an admin.</summary>
    public async Task<Dictionary<ImageDigest, string[]>> StateAsync(string image, string repository = Repository)
    {
        var state = new Dictionary<ImageDigest, string[]>();
        string? pageToken = null;
        do
        {
            var answer = await RestGetAsync($"v1/{Package(image, repository)}/versions?view=FULL&pageSize=1000" + (pageToken is null ? "" : "&pageToken=" + pageToken));
            if (answer is null)
                return state;
            foreach (var version in answer["versions"]?.AsArray() ?? [])
            {
                var digest = VersionName.Parse(version!["name"]!.GetValue<string>()).Digest;
                state[digest] = version["relatedTags"]?.AsArray().Select(t => TagName.Parse(t!["name"]!.GetValue<string>()).TagId).Order(StringComparer.Ordinal).ToArray() ?? [];
            }

            pageToken = answer["nextPageToken"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(pageToken));
        return state;
    }

    /// <summary>A REST GET as an admin; null for 404.</summary>
    public async Task<JsonNode?> RestGetAsync(string path)
    {
        var url = new Uri(Sandbox.ApiEndpoint, path.Replace("%2F", "%252F", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Sandbox.IssueAccessToken(SandboxPrincipals.Admin, TimeSpan.FromDays(3650)));
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        Assert.That(response.IsSuccessStatusCode, Is.True, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body);
    }

    private async Task<ImageDigest> PutManifestAsync(string image, string repository, byte[] manifest, string mediaType, double ageDays, string[] tags)
    {
        var now = Clock.Now;
        Clock.Now = now - TimeSpan.FromDays(ageDays);
        try
        {
            var digest = ImageDigest.Compute(manifest);
            foreach (var reference in tags.Length == 0 ? [digest.ToString()] : tags)
            {
                var content = new ByteArrayContent(manifest);
                content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                await RegistryAsync(HttpMethod.Put, $"v2/{Project}/{repository}/{image}/manifests/{reference}", content, HttpStatusCode.Created);
            }

            return digest;
        }
        finally
        {
            Clock.Now = now;
        }
    }

    private async Task<byte[]> ManifestBytesAsync(string image, string repository, ImageDigest digest)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Registry($"v2/{Project}/{repository}/{image}/manifests/{digest}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await RegistryTokenAsync());
        request.Headers.Accept.ParseAdd(OciManifest);
        using var response = await _http.SendAsync(request);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"GET manifest {digest}: {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task EnsureBlobsAsync(string image, string repository)
    {
        if (!_blobsPushed.Add($"{repository}/{image}"))
            return;
        foreach (var blob in new[] { Config, Layer })
            await RegistryAsync(HttpMethod.Post, $"v2/{Project}/{repository}/{image}/blobs/uploads/?digest={ImageDigest.Compute(blob)}", new ByteArrayContent(blob), HttpStatusCode.Created);
    }

    private async Task RegistryAsync(HttpMethod method, string path, HttpContent content, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, Registry(path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await RegistryTokenAsync());
        using var response = await _http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{method} {path}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A fresh registry token per request: a cached one issued while the clock was set back would have expired.</summary>
    private async Task<string> RegistryTokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Registry("v2/token?service=asia-docker.pkg.dev"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            "oauth2accesstoken:" + Sandbox.IssueAccessToken(SandboxPrincipals.Admin, TimeSpan.FromDays(3650)))));
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"registry token: {body}");
        return JsonNode.Parse(body)!["token"]!.GetValue<string>();
    }

    private Uri Registry(string path) => new($"http://{Sandbox.RegistryHost("asia")}/{path}");

    private static JsonObject Descriptor(string mediaType, byte[] content) =>
        new() { ["mediaType"] = mediaType, ["digest"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content)), ["size"] = content.Length };

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Sandbox.DisposeAsync();
    }
}
