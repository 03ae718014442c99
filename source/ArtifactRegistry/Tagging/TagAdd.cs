using ArtifactRegistry.Hints;
using ArtifactRegistry.Context;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Tagging;

/// <summary>
/// Points tags at an image, creating or moving them: <c>gcloud artifacts docker tags add SRC DST</c>, idempotent (a tag
/// already there sends nothing), moved with one <c>tags.patch</c> rather than gcloud's delete and create, and refused with
/// the reason in a repository with immutable tags. Tag grammar is checked before any call.
/// </summary>
public static class TagAdd
{
    /// <exception cref="References.InvalidImageReferenceException">The source is not a valid reference.</exception>
    /// <exception cref="Publishing.InvalidImageTagException">A tag docker cannot name.</exception>
    /// <exception cref="ArgumentException">No source or no tag, or the source tag does not exist.</exception>
    /// <exception cref="ImmutableTagsException">A tag would move in a repository with immutable tags.</exception>
    public static Task<TagAddResult> RunAsync(OperationContext context, Func<TagAddSettings, TagAddSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RunAsync(context, configure(new TagAddSettings()), cancellationToken);
    }

    /// <inheritdoc cref="RunAsync(OperationContext, Func{TagAddSettings, TagAddSettings}, CancellationToken)"/>
    public static async Task<TagAddResult> RunAsync(OperationContext context, TagAddSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Source))
        {
            var setting = SettingNames.TagSource.With("asia-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE:TAG");
            throw new SettingsException($"TagAdd was given no image to tag: {setting} (or IMAGE@sha256:DIGEST), the version the new tags will point at.", setting);
        }
        if (settings.Tags.IsEmpty)
            throw new SettingsException($"TagAdd was given no tag to point at {settings.Source}: {SettingNames.AddTags.With("stable")}.", SettingNames.AddTags.With("stable"));
        TagChecks.ValidateTags(settings.Tags);
        var source = ImageReference.Parse(settings.Source).RequireTagOrDigest("tagging an image");
        using var client = await RestOnlyClient.OpenAsync(context, nameof(TagAdd), cancellationToken).ConfigureAwait(false);

        var digest = await TagChecks.ResolveAsync(client, source, cancellationToken).ConfigureAwait(false);
        var version = source.PackageName.Version(digest);
        if (source is { HasTag: false })
            await client.GetVersionAsync(version, cancellationToken: cancellationToken).ConfigureAwait(false);

        var created = new List<string>();
        var moved = new List<(string, ImageDigest)>();
        var unchanged = new List<string>();
        foreach (var tagId in settings.Tags.Distinct(StringComparer.Ordinal))
        {
            var tag = source.PackageName.Tag(tagId);
            var current = await client.FindTagAsync(tag, cancellationToken).ConfigureAwait(false);
            if (current?.Version is null)
            {
                try
                {
                    await client.CreateTagAsync(tag, version, cancellationToken).ConfigureAwait(false);
                }
                catch (ArtifactRegistryApiException e)
                {
                    throw await TagChecks.ExplainAsync(client, e, source.RepositoryName, tagId, "create", cancellationToken).ConfigureAwait(false);
                }
                created.Add(tagId);
                continue;
            }

            var from = VersionName.Parse(current.Version).Digest;
            if (from == digest)
            {
                unchanged.Add(tagId);
                continue;
            }

            await TagChecks.RequireMutableTagsAsync(client, source.RepositoryName, tagId, "move", cancellationToken).ConfigureAwait(false);
            try
            {
                await client.UpdateTagAsync(tag, version, cancellationToken).ConfigureAwait(false);
            }
            catch (ArtifactRegistryApiException e)
            {
                throw await TagChecks.ExplainAsync(client, e, source.RepositoryName, tagId, "move", cancellationToken).ConfigureAwait(false);
            }

            moved.Add((tagId, from));
        }

        var result = new TagAddResult { Image = source.WithoutTag().WithDigest(digest), Created = created, Moved = moved, Unchanged = unchanged };
        context.Logger.LogInformation("{Result}", result);
        return result;
    }
}
