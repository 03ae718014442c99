using ArtifactRegistry.Hints;
using ArtifactRegistry.Context;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Tagging;

/// <summary>Every tag of an image with its digest and upload time: <c>gcloud artifacts docker tags list IMG</c>, in two listings.</summary>
public static class TagList
{
    /// <summary>Runs with the settings <paramref name="configure"/> makes from the defaults.</summary>
    /// <inheritdoc cref="RunAsync(OperationContext, TagListSettings, CancellationToken)"/>
    public static Task<IReadOnlyList<TagListing>> RunAsync(OperationContext context, Func<TagListSettings, TagListSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RunAsync(context, configure(new TagListSettings()), cancellationToken);
    }

    /// <returns>By tag name. The image's tag or digest, if written, is ignored: every tag is listed.</returns>
    public static async Task<IReadOnlyList<TagListing>> RunAsync(OperationContext context, TagListSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Image))
        {
            var image = SettingNames.TagListImage.With("asia-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE");
            throw new SettingsException($"TagList was given no image whose tags to list: {image}.", image);
        }
        var package = ImageReference.Parse(settings.Image).PackageName;
        using var client = await RestOnlyClient.OpenAsync(context, nameof(TagList), cancellationToken).ConfigureAwait(false);
        var tags = await ListAsync(client, package, cancellationToken).ConfigureAwait(false);
        context.Logger.LogInformation("Tags of {Image}: {Count}", package.ToImageReference().Name, tags.Count);
        foreach (var tag in tags)
            context.Logger.LogInformation("  {Tag}", tag);
        return tags;
    }

    private static async Task<IReadOnlyList<TagListing>> ListAsync(ArtifactRegistryClient client, PackageName package, CancellationToken cancellationToken)
    {
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
