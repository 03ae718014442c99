using ArtifactRegistry.Hints;
using ArtifactRegistry.Context;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Tagging;

/// <summary>
/// Deletes one tag, never the image it points at: <c>gcloud artifacts docker tags delete IMG:TAG</c>. Idempotent: a tag
/// already gone is reported as such. A repository with immutable tags refuses, with the reason, before anything is sent.
/// </summary>
public static class TagDelete
{
    /// <summary>Runs with the settings <paramref name="configure"/> makes from the defaults.</summary>
    /// <inheritdoc cref="RunAsync(OperationContext, TagDeleteSettings, CancellationToken)"/>
    public static Task<TagDeleteResult> RunAsync(OperationContext context, Func<TagDeleteSettings, TagDeleteSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RunAsync(context, configure(new TagDeleteSettings()), cancellationToken);
    }

    /// <exception cref="References.InvalidImageReferenceException">Not a valid reference.</exception>
    /// <exception cref="ArgumentException">The reference names no tag.</exception>
    /// <exception cref="ImmutableTagsException">The repository has immutable tags.</exception>
    public static async Task<TagDeleteResult> RunAsync(OperationContext context, TagDeleteSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Image))
        {
            var tag = SettingNames.RemoveTag.With("asia-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE:TAG");
            throw new SettingsException($"TagDelete was given no tag to delete: {tag}.", tag);
        }
        var reference = ImageReference.Parse(settings.Image);
        if (!reference.HasTag)
        {
            var tag = SettingNames.RemoveTag.With($"{reference.Name}:TAG");
            throw new SettingsException(
                $"TagDelete deletes a tag, and {settings.Image} names none: {tag}. To delete the image itself, use DeleteImage with its digest.", tag);
        }

        using var client = await RestOnlyClient.OpenAsync(context, nameof(TagDelete), cancellationToken).ConfigureAwait(false);
        var result = new TagDeleteResult(reference.WithoutDigest(), await DeleteAsync(client, reference, cancellationToken).ConfigureAwait(false));
        context.Logger.LogInformation("{Result}", result);
        return result;
    }

    private static async Task<ImageDigest?> DeleteAsync(ArtifactRegistryClient client, ImageReference reference, CancellationToken cancellationToken)
    {
        var current = await client.FindTagAsync(reference.TagName, cancellationToken).ConfigureAwait(false);
        if (current?.Version is null)
            return null;
        await TagChecks.RequireMutableTagsAsync(client, reference.RepositoryName, reference.Tag!, "delete", cancellationToken).ConfigureAwait(false);
        try
        {
            await client.DeleteTagAsync(reference.TagName, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactRegistryApiException e) when (e.IsNotFound)
        {
            // Deleted meanwhile by someone else: the wanted state.
        }
        catch (ArtifactRegistryApiException e)
        {
            throw await TagChecks.ExplainAsync(client, e, reference.RepositoryName, reference.Tag!, "delete", cancellationToken).ConfigureAwait(false);
        }

        return VersionName.Parse(current.Version).Digest;
    }
}
