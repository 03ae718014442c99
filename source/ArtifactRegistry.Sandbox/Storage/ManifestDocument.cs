using System.Collections.Immutable;
using System.Text.Json;

namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>A descriptor inside a manifest: what it points at and how big it claims to be.</summary>
internal sealed record Descriptor(Digest Digest, string MediaType, long Size);

/// <summary>What a manifest body says, read once at push time.</summary>
internal sealed record ManifestDocument
{
    public required string MediaType { get; init; }

    public Descriptor? Config { get; init; }

    public ImmutableArray<Descriptor> Layers { get; init; } = [];

    public ImmutableArray<(Descriptor Descriptor, Platform Platform)> Manifests { get; init; } = [];

    public Digest? Subject { get; init; }

    public string? ArtifactType { get; init; }

    public ImmutableDictionary<string, string> Annotations { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// Parses a manifest. The media type comes from the request's Content-Type, else from the body's <c>mediaType</c>,
    /// else from its shape (OCI allows omitting it).
    /// </summary>
    /// <exception cref="ManifestInvalidException">The body is not a manifest Artifact Registry would store.</exception>
    public static ManifestDocument Parse(ReadOnlySpan<byte> content, string? contentType)
    {
        JsonDocument json;
        try
        {
            var reader = new Utf8JsonReader(content);
            json = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new ManifestInvalidException("manifest is not valid JSON: " + e.Message);
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ManifestInvalidException("manifest must be a JSON object");

            var declared = String(root, "mediaType");
            var header = contentType?.Split(';')[0].Trim();
            var mediaType = header is { Length: > 0 } && MediaTypes.IsManifest(header) || header is not null && MediaTypes.IsSchema1(header)
                ? header
                : declared ?? (root.TryGetProperty("manifests", out _) ? MediaTypes.OciIndex : MediaTypes.OciManifest);

            if (MediaTypes.IsSchema1(mediaType) || root.TryGetProperty("schemaVersion", out var version) && version.ValueKind == JsonValueKind.Number && version.GetInt32() == 1)
                throw new ManifestInvalidException("Docker image manifest v2 schema 1 is not supported; push with a current Docker client (schema 2 or OCI)");
            if (!MediaTypes.IsManifest(mediaType))
                throw new ManifestInvalidException($"unsupported manifest media type \"{mediaType}\"");
            if (declared is not null && declared != mediaType)
                throw new ManifestInvalidException($"manifest media type \"{declared}\" does not match Content-Type \"{mediaType}\"");

            var document = new ManifestDocument
            {
                MediaType = mediaType,
                ArtifactType = String(root, "artifactType"),
                Annotations = ReadAnnotations(root),
                Subject = root.TryGetProperty("subject", out var subject) ? ReadDescriptor(subject, "subject").Digest : null,
            };

            if (MediaTypes.IsIndex(mediaType))
            {
                if (!root.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
                    throw new ManifestInvalidException("index has no \"manifests\" array");
                var children = ImmutableArray.CreateBuilder<(Descriptor, Platform)>();
                foreach (var entry in manifests.EnumerateArray())
                {
                    var descriptor = ReadDescriptor(entry, "manifests[]");
                    var platform = entry.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
                    children.Add((descriptor, new Platform(
                        descriptor.Digest,
                        descriptor.MediaType,
                        platform.ValueKind == JsonValueKind.Object ? String(platform, "architecture") : null,
                        platform.ValueKind == JsonValueKind.Object ? String(platform, "os") : null,
                        platform.ValueKind == JsonValueKind.Object ? String(platform, "variant") : null,
                        platform.ValueKind == JsonValueKind.Object ? String(platform, "os.version") : null)));
                }

                return document with { Manifests = children.ToImmutable() };
            }

            if (!root.TryGetProperty("config", out var config))
                throw new ManifestInvalidException("image manifest has no \"config\"");
            var layers = ImmutableArray.CreateBuilder<Descriptor>();
            if (root.TryGetProperty("layers", out var layerArray) && layerArray.ValueKind == JsonValueKind.Array)
                foreach (var layer in layerArray.EnumerateArray())
                    layers.Add(ReadDescriptor(layer, "layers[]"));
            return document with { Config = ReadDescriptor(config, "config"), Layers = layers.ToImmutable() };
        }
    }

    private static Descriptor ReadDescriptor(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new ManifestInvalidException($"{where} is not a descriptor object");
        var digestText = String(element, "digest");
        if (!Digest.TryParse(digestText, out var digest))
            throw new ManifestInvalidException($"{where} has an invalid digest \"{digestText}\" (expected sha256:<64 hex>)");
        var size = element.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : 0;
        return new Descriptor(digest, String(element, "mediaType") ?? MediaTypes.OctetStream, size);
    }

    private static ImmutableDictionary<string, string> ReadAnnotations(JsonElement root)
    {
        if (!root.TryGetProperty("annotations", out var annotations) || annotations.ValueKind != JsonValueKind.Object)
            return ImmutableDictionary<string, string>.Empty;
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var property in annotations.EnumerateObject())
            if (property.Value.ValueKind == JsonValueKind.String)
                builder[property.Name] = property.Value.GetString()!;
        return builder.ToImmutable();
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>A manifest body the registry refuses (MANIFEST_INVALID).</summary>
internal sealed class ManifestInvalidException(string message) : Exception(message);
