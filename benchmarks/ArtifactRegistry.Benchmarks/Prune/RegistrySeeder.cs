using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.Benchmarks.Prune;

/// <summary>
/// Fills the sandbox through the Docker Registry HTTP API: per package one config and one layer blob, then one small OCI
/// manifest per version (distinct by an annotation), pushed by digest (untagged) or by tag, several at once.
/// </summary>
internal sealed class RegistrySeeder(SandboxServer sandbox, HttpClient http)
{
    private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    private static readonly byte[] Config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
    private static readonly byte[] Layer = Encoding.UTF8.GetBytes("prune benchmark layer");

    /// <summary>Pushes <paramref name="untagged"/> and <paramref name="tagged"/> versions spread over <paramref name="packages"/> images; returns them per image.</summary>
    public async Task<Dictionary<string, List<string>>> SeedAsync(string repositoryPath, int packages, int untagged, int tagged, string run, CancellationToken cancellationToken)
    {
        var token = await RegistryTokenAsync(cancellationToken);
        var images = Enumerable.Range(1, packages).Select(i => $"bench-{i}").ToList();
        foreach (var image in images)
            foreach (var blob in new[] { Config, Layer })
                await SendAsync(HttpMethod.Post, $"v2/{repositoryPath}/{image}/blobs/uploads/?digest={Digest(blob)}", new ByteArrayContent(blob), token, cancellationToken);

        var untaggedDigests = images.ToDictionary(image => image, _ => new List<string>());
        var work = Enumerable.Range(0, untagged + tagged).Select(i => (Index: i, Image: images[i % packages], Tagged: i >= untagged));
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            var manifest = Manifest($"{run} {item.Index}");
            var reference = item.Tagged ? $"v{item.Index}" : Digest(manifest);
            var content = new ByteArrayContent(manifest);
            content.Headers.ContentType = new MediaTypeHeaderValue(OciManifest);
            await SendAsync(HttpMethod.Put, $"v2/{repositoryPath}/{item.Image}/manifests/{reference}", content, token, ct);
            if (!item.Tagged)
                lock (untaggedDigests)
                    untaggedDigests[item.Image].Add(Digest(manifest));
        });
        return untaggedDigests;
    }

    private static byte[] Manifest(string payload) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = OciManifest,
        ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", Config),
        ["layers"] = new JsonArray(Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", Layer)),
        ["annotations"] = new JsonObject { ["payload"] = payload },
    }.ToJsonString());

    private async Task SendAsync(HttpMethod method, string path, HttpContent content, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri($"http://{sandbox.RegistryHost("asia")}/{path}")) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Seeding failed: {method} {path} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    private async Task<string> RegistryTokenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{sandbox.RegistryHost("asia")}/v2/token?service=asia-docker.pkg.dev"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            "oauth2accesstoken:" + sandbox.IssueAccessToken(SandboxPrincipals.Admin))));
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!["token"]!.GetValue<string>();
    }

    private static JsonObject Descriptor(string mediaType, byte[] content) => new() { ["mediaType"] = mediaType, ["digest"] = Digest(content), ["size"] = content.Length };

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
