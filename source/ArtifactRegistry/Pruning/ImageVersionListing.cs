using System.Globalization;
using System.Text.Json;
using ArtifactRegistry.Registry;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Pruning;

/// <summary>
/// A package's versions as the prune planner sees them, in as few requests as the API allows: <c>versions.list</c> with the
/// FULL view and 1,000 a page (tags included), <c>tags.list</c> only for a version at the 100-tag limit of that view, and
/// <c>dockerImages.get</c> per index for the platform manifests it lists.
/// </summary>
internal static class ImageVersionListing
{
    private const int RelatedTagsLimit = 100;

    public static async Task<List<ImageVersion>> ListAsync(ArtifactRegistryClient client, PackageName package, CancellationToken cancellationToken)
    {
        var versions = new List<ImageVersion>();
        await foreach (var listed in client.ListVersionsAsync(package, VersionView.Full, pageSize: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (listed.Name is null || !VersionName.TryParse(listed.Name, out var name))
                continue;
            IReadOnlyList<string> tags = listed.RelatedTags is { Count: > 0 } related ? [.. related.Select(TagId).OfType<string>()] : [];
            if (tags.Count >= RelatedTagsLimit)
                tags = await AllTagsAsync(client, name, cancellationToken).ConfigureAwait(false);
            var metadata = listed.Metadata is { ValueKind: JsonValueKind.Object } m ? m : default;
            versions.Add(new ImageVersion(package, name.Digest)
            {
                Tags = tags,
                UploadTime = listed.CreateTime,
                BuildTime = Time(metadata, "buildTime"),
                SizeBytes = Int64(metadata, "imageSizeBytes"),
                MediaType = Text(metadata, "mediaType"),
            });
        }

        for (var i = 0; i < versions.Count; i++)
        {
            if (!IsIndex(versions[i].MediaType))
                continue;
            var image = await client.GetDockerImageAsync(versions[i].Name.DockerImageName, cancellationToken).ConfigureAwait(false);
            versions[i] = versions[i] with
            {
                Children = [.. (image.ImageManifests ?? []).Select(c => ImageDigest.TryParse(c.Digest, out var digest) ? digest : null).OfType<ImageDigest>()],
            };
        }

        return versions;
    }

    internal static bool IsIndex(string? mediaType) =>
        mediaType is not null && (mediaType.Contains("manifest.list", StringComparison.Ordinal) || mediaType.Contains("image.index", StringComparison.Ordinal));

    private static async Task<IReadOnlyList<string>> AllTagsAsync(ArtifactRegistryClient client, VersionName version, CancellationToken cancellationToken)
    {
        var tags = new List<string>();
        await foreach (var tag in client.ListTagsAsync(version.PackageName, $"version=\"{version}\"", cancellationToken: cancellationToken).ConfigureAwait(false))
            if (TagId(tag) is { } id)
                tags.Add(id);
        return tags;
    }

    private static string? TagId(Tag tag)
    {
        var at = tag.Name?.LastIndexOf("/tags/", StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : tag.Name![(at + "/tags/".Length)..];
    }

    private static string? Text(JsonElement metadata, string field) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // int64 fields travel as JSON strings in Google's APIs.
    private static long? Int64(JsonElement metadata, string field) =>
        metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(field, out var value)
            ? value.ValueKind == JsonValueKind.Number ? value.GetInt64()
            : long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null
            : null;

    private static DateTimeOffset? Time(JsonElement metadata, string field) =>
        Text(metadata, field) is null ? null : metadata.GetProperty(field).Deserialize<DateTimeOffset>(ArtifactRegistryClient.Json);
}
