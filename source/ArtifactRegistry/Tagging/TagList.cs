using ArtifactRegistry.References;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Tagging;

/// <summary>Every tag of an image with its digest and upload time: <c>gcloud artifacts docker tags list IMG</c>, in two listings.</summary>
public static class TagList
{
    /// <param name="image"><c>…/IMAGE</c> (a tag or digest, if written, is ignored: every tag is listed).</param>
    /// <returns>By tag name.</returns>
    public static async Task<IReadOnlyList<TagListing>> RunAsync(ArtifactRegistryClient client, string image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var package = ImageReference.Parse(image).PackageName;
        var uploaded = new Dictionary<ImageDigest, DateTimeOffset?>();
        await foreach (var version in client.ListVersionsAsync(package, cancellationToken: cancellationToken).ConfigureAwait(false))
            if (version.Name is not null && VersionName.TryParse(version.Name, out var name))
                uploaded[name.Digest] = version.CreateTime;

        var tags = new List<TagListing>();
        await foreach (var tag in client.ListTagsAsync(package, cancellationToken: cancellationToken).ConfigureAwait(false))
            if (tag.Name is not null && tag.Version is not null && TagName.TryParse(tag.Name, out var tagName) && VersionName.TryParse(tag.Version, out var version))
                tags.Add(new TagListing(tagName.TagId, version.Digest, uploaded.GetValueOrDefault(version.Digest)));
        return [.. tags.OrderBy(t => t.Tag, StringComparer.Ordinal)];
    }
}
