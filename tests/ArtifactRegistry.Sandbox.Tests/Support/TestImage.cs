using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ArtifactRegistry.Sandbox.Tests.Support;

/// <summary>
/// An image made of bytes in memory (a config blob, one layer blob and a manifest), so registry tests need no Docker engine.
/// Different <c>payload</c> text gives different digests.
/// </summary>
internal sealed record TestImage(byte[] Config, byte[] Layer, byte[] Manifest, string MediaType)
{
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string DockerList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    public string ConfigDigest => DigestOf(Config);

    public string LayerDigest => DigestOf(Layer);

    public string Digest => DigestOf(Manifest);

    public static TestImage Create(string payload, string mediaType = DockerManifest, string architecture = "amd64", string created = "2024-05-06T07:08:09Z",
        IReadOnlyDictionary<string, string>? labels = null, string? entrypoint = null)
    {
        var imageConfig = new JsonObject();
        if (entrypoint is not null)
            imageConfig["Entrypoint"] = new JsonArray(entrypoint);
        if (labels is not null)
            imageConfig["Labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = architecture,
            ["os"] = "linux",
            ["created"] = created,
            ["config"] = imageConfig,
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)))) },
        }.ToJsonString());
        var layer = Encoding.UTF8.GetBytes("layer:" + payload);
        var oci = mediaType == OciManifest;
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = mediaType,
            ["config"] = Descriptor(oci ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json", config),
            ["layers"] = new JsonArray(Descriptor(oci ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.docker.image.rootfs.diff.tar.gzip", layer)),
        }.ToJsonString());
        return new TestImage(config, layer, manifest, mediaType);
    }

    /// <summary>A manifest list / OCI index over <paramref name="children"/>, each given its architecture.</summary>
    public static byte[] Index(string mediaType, params (TestImage Image, string Architecture)[] children)
    {
        var manifests = new JsonArray();
        foreach (var (image, architecture) in children)
        {
            var descriptor = Descriptor(image.MediaType, image.Manifest);
            descriptor["platform"] = new JsonObject { ["architecture"] = architecture, ["os"] = "linux" };
            manifests.Add(descriptor);
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = mediaType, ["manifests"] = manifests }.ToJsonString());
    }

    public static string DigestOf(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private static JsonObject Descriptor(string mediaType, byte[] content) =>
        new() { ["mediaType"] = mediaType, ["digest"] = DigestOf(content), ["size"] = content.Length };
}
