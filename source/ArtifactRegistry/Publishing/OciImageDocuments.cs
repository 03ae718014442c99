using System.Text.Json;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Publishing;

/// <summary>The OCI image manifest of one platform's image and the image index over them, written with a fixed member order so equal inputs give equal digests.</summary>
internal static class OciImageDocuments
{
    /// <summary>A platform as an index lists it, read from the image config (<c>os</c>, <c>architecture</c>, <c>variant</c>).</summary>
    public sealed record ImagePlatform(string Os, string Architecture, string? Variant)
    {
        public static ImagePlatform FromConfig(byte[] config)
        {
            using var json = JsonDocument.Parse(config);
            var root = json.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return new ImagePlatform(Text("os") ?? "linux", Text("architecture") ?? "amd64", Text("variant") is { Length: > 0 } variant ? variant : null);
        }

        public override string ToString() => $"{Os}/{Architecture}{(Variant is null ? "" : "/" + Variant)}";
    }

    /// <summary>One entry of an index: a platform manifest.</summary>
    public sealed record IndexEntry(ImageDigest Digest, long Size, ImagePlatform Platform);

    public static byte[] Manifest(ImageDigest configDigest, long configSize, IReadOnlyList<GzipLayerBlob> layers, IReadOnlyDictionary<string, string> annotations) =>
        Write(writer =>
        {
            writer.WriteNumber("schemaVersion", 2);
            writer.WriteString("mediaType", OciMediaTypes.ImageManifest);
            writer.WriteStartObject("config");
            Descriptor(writer, OciMediaTypes.ImageConfig, configDigest, configSize);
            writer.WriteEndObject();
            writer.WriteStartArray("layers");
            foreach (var layer in layers)
            {
                writer.WriteStartObject();
                Descriptor(writer, OciMediaTypes.GzipLayer, layer.Digest, layer.Size);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            Annotations(writer, annotations);
        });

    public static byte[] Index(IReadOnlyList<IndexEntry> manifests, IReadOnlyDictionary<string, string> annotations) =>
        Write(writer =>
        {
            writer.WriteNumber("schemaVersion", 2);
            writer.WriteString("mediaType", OciMediaTypes.ImageIndex);
            writer.WriteStartArray("manifests");
            foreach (var manifest in manifests)
            {
                writer.WriteStartObject();
                Descriptor(writer, OciMediaTypes.ImageManifest, manifest.Digest, manifest.Size);
                writer.WriteStartObject("platform");
                writer.WriteString("architecture", manifest.Platform.Architecture);
                writer.WriteString("os", manifest.Platform.Os);
                if (manifest.Platform.Variant is { } variant)
                    writer.WriteString("variant", variant);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            Annotations(writer, annotations);
        });

    private static void Descriptor(Utf8JsonWriter writer, string mediaType, ImageDigest digest, long size)
    {
        writer.WriteString("mediaType", mediaType);
        writer.WriteString("digest", digest.ToString());
        writer.WriteNumber("size", size);
    }

    private static void Annotations(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> annotations)
    {
        if (annotations.Count == 0)
            return;
        writer.WriteStartObject("annotations");
        foreach (var (key, value) in annotations.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            writer.WriteString(key, value);
        writer.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> members)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
