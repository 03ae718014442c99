using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ArtifactRegistry.References;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>
/// Pushes a small image straight through the Docker Registry API (blobs, then the manifest), as docker push would, without
/// a docker engine: the cluster tests need many distinct images, some with the sandbox's behaviour labels, some multi-platform.
/// </summary>
internal sealed class RegistryUpload(SandboxServer sandbox) : IDisposable
{
    private readonly HttpClient _http = new();

    /// <param name="image">Canonical, with a tag: <c>asia-docker.pkg.dev/PROJECT/REPO/IMAGE:TAG</c>.</param>
    /// <param name="payload">Different payloads give different digests.</param>
    /// <param name="labels">Image config labels (<c>sandbox.crash=true</c>…).</param>
    /// <returns>The image pinned to the pushed digest.</returns>
    public async Task<ImageReference> PushAsync(string image, string payload, string principal = SandboxPrincipals.Admin, params (string Name, string Value)[] labels)
    {
        var reference = ImageReference.Parse(image);
        var path = $"{reference.ProjectPath}/{reference.Repository}/{reference.ImagePath}";
        var token = await RegistryTokenAsync(principal);
        var manifest = await PushImageAsync(path, token, reference.Tag!, payload, "amd64", labels);
        return reference.WithDigest(Digest(manifest));
    }

    /// <summary>
    /// Pushes one image per architecture by digest, then an OCI index over them under the tag, as a multi-platform build does.
    /// </summary>
    /// <returns>The image pinned to the index's digest.</returns>
    public async Task<ImageReference> PushIndexAsync(string image, string payload, string principal, params string[] architectures)
    {
        var reference = ImageReference.Parse(image);
        var path = $"{reference.ProjectPath}/{reference.Repository}/{reference.ImagePath}";
        var token = await RegistryTokenAsync(principal);
        var children = new JsonArray();
        foreach (var architecture in architectures)
        {
            var manifest = await PushImageAsync(path, token, reference: null, $"{payload} {architecture}", architecture, []);
            children.Add(new JsonObject
            {
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["digest"] = Digest(manifest),
                ["size"] = manifest.Length,
                ["platform"] = new JsonObject { ["architecture"] = architecture, ["os"] = "linux" },
            });
        }

        var index = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.index.v1+json",
            ["manifests"] = children,
        }.ToJsonString());
        await PutManifestAsync(path, token, reference.Tag!, index, "application/vnd.oci.image.index.v1+json");
        return reference.WithDigest(Digest(index));
    }

    /// <param name="reference">The tag to push the manifest under; null pushes it by its digest.</param>
    /// <returns>The manifest's bytes.</returns>
    private async Task<byte[]> PushImageAsync(string path, string token, string? reference, string payload, string architecture, (string Name, string Value)[] labels)
    {
        var layer = Encoding.UTF8.GetBytes(payload);
        var labelObject = new JsonObject();
        foreach (var (name, value) in labels)
            labelObject[name] = value;
        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = architecture,
            ["os"] = "linux",
            ["config"] = new JsonObject { ["Labels"] = labelObject },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(Digest(layer)) },
        }.ToJsonString());
        await PushBlobAsync(path, layer, token);
        await PushBlobAsync(path, config, token);

        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.oci.image.config.v1+json", ["digest"] = Digest(config), ["size"] = config.Length },
            ["layers"] = new JsonArray(new JsonObject { ["mediaType"] = "application/vnd.oci.image.layer.v1.tar", ["digest"] = Digest(layer), ["size"] = layer.Length }),
        }.ToJsonString());
        await PutManifestAsync(path, token, reference ?? Digest(manifest), manifest, "application/vnd.oci.image.manifest.v1+json");
        return manifest;
    }

    private async Task PutManifestAsync(string path, string token, string reference, byte[] manifest, string mediaType)
    {
        using var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        await SendAsync(HttpMethod.Put, $"v2/{path}/manifests/{reference}", token, content);
    }

    private async Task PushBlobAsync(string path, byte[] blob, string token)
    {
        using var content = new ByteArrayContent(blob);
        await SendAsync(HttpMethod.Post, $"v2/{path}/blobs/uploads/?digest={Digest(blob)}", token, content);
    }

    private async Task<string> RegistryTokenAsync(string principal)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("v2/token?service=asia-docker.pkg.dev"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"oauth2accesstoken:{sandbox.IssueAccessToken(principal)}")));
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"registry token: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["token"]!.GetValue<string>();
    }

    private async Task SendAsync(HttpMethod method, string path, string token, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, Url(path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private Uri Url(string path) => new($"http://{sandbox.RegistryHost("asia")}/{path}");

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public void Dispose() => _http.Dispose();
}
