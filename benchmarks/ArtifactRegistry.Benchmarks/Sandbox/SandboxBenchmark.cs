using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ArtifactRegistry.Benchmarks.Measurement;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.Benchmarks.Sandbox;

/// <summary>
/// Shows that the sandbox is never the bottleneck of a benchmark: simple REST requests per second (target ≥ 2,000/s on a
/// 2-core machine), blob upload MB/s and manifest pushes per second, each next to a bare Kestrel baseline from the same run.
/// </summary>
internal sealed class SandboxBenchmark : IBenchmarkCommand
{
    private const double RestTarget = 2000;
    private const string Repository = "v1/projects/sample-project/locations/asia/repositories/sample";
    private const string Image = "sample-project/sample/bench";

    public string Name => "sandbox";

    public string Description => "REST requests/s, blob upload MB/s and manifests/s of the sandbox vs a bare Kestrel baseline (--clients 16 --seconds 5 --blob-mib 8)";

    public async Task<int> RunAsync(BenchmarkArguments arguments, CancellationToken cancellationToken)
    {
        var clients = arguments.Int("clients", 16);
        var uploaders = arguments.Int("uploaders", 4);
        var duration = TimeSpan.FromSeconds(arguments.Seconds("seconds", 5));
        var warmUp = TimeSpan.FromSeconds(arguments.Seconds("warmup", 1));
        var blobBytes = arguments.Int("blob-mib", 8) * 1024 * 1024;

        await using var sandbox = await SandboxServer.StartAsync();
        await using var baseline = await BareKestrel.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(clients, uploaders), PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        var accessToken = sandbox.IssueAccessToken(SandboxPrincipals.Deployer);
        var registry = new Uri($"http://{sandbox.RegistryHost("asia")}/");
        var registryToken = await RegistryTokenAsync(http, registry, accessToken, cancellationToken);

        Console.WriteLine($"Sandbox benchmark: {Environment.ProcessorCount} cores, {clients} REST/manifest clients, {uploaders} concurrent uploads, " +
                          $"{duration.TotalSeconds:0.#} s measured after {warmUp.TotalSeconds:0.#} s warm-up, .NET {Environment.Version}");
        Console.WriteLine();

        var restGet = new Uri(sandbox.ApiEndpoint, Repository);
        var rest = await LoadRun.RunAsync(clients, warmUp, duration, (_, ct) => GetAsync(http, restGet, accessToken, ct), cancellationToken);
        var restBaseline = await LoadRun.RunAsync(clients, warmUp, duration, (_, ct) => GetAsync(http, new Uri(baseline.Endpoint, Repository), null, ct), cancellationToken);
        Report("REST GET repository", rest.PerSecond, restBaseline.PerSecond, "req/s", rest.Failures);

        var blob = RandomNumberGenerator.GetBytes(blobBytes);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(blob));
        var upload = await LoadRun.RunAsync(uploaders, warmUp, duration, (_, ct) => UploadAsync(http, registry, registryToken, blob, digest, ct), cancellationToken);
        var uploadBaseline = await LoadRun.RunAsync(uploaders, warmUp, duration, (_, ct) => UploadAsync(http, baseline.Endpoint, null, blob, digest, ct), cancellationToken);
        Report($"Blob upload ({blobBytes / (1024 * 1024)} MiB, POST+PATCH+PUT)", upload.MegabytesPerSecond, uploadBaseline.MegabytesPerSecond, "MB/s", upload.Failures);

        var (config, layer) = (Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\"}"), Encoding.UTF8.GetBytes("bench layer"));
        foreach (var part in new[] { config, layer })
            await UploadAsync(http, registry, registryToken, part, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(part)), cancellationToken);
        var counter = 0L;
        var manifests = await LoadRun.RunAsync(clients, warmUp, duration, (_, ct) => PutManifestAsync(http, registry, registryToken, Manifest(config, layer, Interlocked.Increment(ref counter)), ct), cancellationToken);
        var manifestsBaseline = await LoadRun.RunAsync(clients, warmUp, duration, (_, ct) => PutManifestAsync(http, baseline.Endpoint, null, Manifest(config, layer, Interlocked.Increment(ref counter)), ct), cancellationToken);
        Report("Manifest PUT (unique OCI manifests)", manifests.PerSecond, manifestsBaseline.PerSecond, "/s", manifests.Failures);

        Console.WriteLine();
        var met = rest.PerSecond >= RestTarget;
        Console.WriteLine($"REST target >= {RestTarget:N0} req/s: {(met ? "met" : "NOT met")} ({rest.PerSecond:N0} req/s).");
        return met ? 0 : 1;
    }

    private static void Report(string what, double sandbox, double baseline, string unit, long failures) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-42} sandbox {sandbox,10:N0} {unit,-5}  baseline {baseline,10:N0} {unit,-5}  ratio {sandbox / baseline,5:0.00}{(failures > 0 ? $"  ({failures} failed)" : "")}"));

    private static async Task<(bool, long)> GetAsync(HttpClient http, Uri uri, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return (response.IsSuccessStatusCode, body.Length);
    }

    /// <summary>Docker's upload sequence: start, stream the content in one PATCH, finish with the digest.</summary>
    private static async Task<(bool, long)> UploadAsync(HttpClient http, Uri registry, string? token, byte[] blob, string digest, CancellationToken cancellationToken)
    {
        using var start = Request(HttpMethod.Post, new Uri(registry, $"v2/{Image}/blobs/uploads/"), token);
        using var started = await http.SendAsync(start, cancellationToken);
        if (!started.IsSuccessStatusCode)
            return (false, 0);
        var location = new Uri(registry, started.Headers.Location!);
        using var patch = Request(HttpMethod.Patch, location, token);
        patch.Content = new ByteArrayContent(blob);
        using var patched = await http.SendAsync(patch, cancellationToken);
        using var put = Request(HttpMethod.Put, new Uri(location + (location.Query.Length > 0 ? "&" : "?") + "digest=" + digest), token);
        using var finished = await http.SendAsync(put, cancellationToken);
        return (patched.IsSuccessStatusCode && finished.IsSuccessStatusCode, blob.Length);
    }

    private static async Task<(bool, long)> PutManifestAsync(HttpClient http, Uri registry, string? token, byte[] manifest, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, new Uri(registry, $"v2/{Image}/manifests/sha256:{Convert.ToHexStringLower(SHA256.HashData(manifest))}"), token);
        request.Content = new ByteArrayContent(manifest);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        using var response = await http.SendAsync(request, cancellationToken);
        return (response.IsSuccessStatusCode, manifest.Length);
    }

    private static byte[] Manifest(byte[] config, byte[] layer, long unique)
    {
        var configDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(config));
        var layerDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(layer));
        return Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}}," +
            $"\"layers\":[{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"{layerDigest}\",\"size\":{layer.Length}}}]," +
            $"\"annotations\":{{\"bench\":\"{unique}\"}}}}");
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri uri, string? token)
    {
        var request = new HttpRequestMessage(method, uri);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<string> RegistryTokenAsync(HttpClient http, Uri registry, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(registry, "v2/token?service=asia-docker.pkg.dev&scope=repository:" + Image + ":pull,push"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("oauth2accesstoken:" + accessToken)));
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return json.RootElement.GetProperty("token").GetString()!;
    }
}
