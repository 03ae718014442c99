using ArtifactRegistry.Access;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Hints;
using ArtifactRegistry.Context;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using ArtifactRegistry.Tagging;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Deletion;

/// <summary>
/// Deletes one image, safely: <c>gcloud artifacts docker images delete IMG@sha256:… [--delete-tags]</c> without its footguns.
/// A bare name is refused (gcloud would delete <c>:latest</c>, or the whole package); a tag stands for its digest; other tags
/// on that digest go only with <see cref="DeleteImageSettings.DeleteTags"/>, and are named when refused.
/// </summary>
public static class DeleteImage
{
    /// <summary>Runs with the settings <paramref name="configure"/> makes from the defaults.</summary>
    /// <inheritdoc cref="RunAsync(OperationContext, DeleteImageSettings, CancellationToken)"/>
    public static Task<DeleteImageResult> RunAsync(OperationContext context, Func<DeleteImageSettings, DeleteImageSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RunAsync(context, configure(new DeleteImageSettings()), cancellationToken);
    }

    /// <exception cref="ImageDeletionRefusedException">A bare name, a tag that moved from the digest given, or tags not allowed to go; nothing was deleted.</exception>
    /// <exception cref="ImmutableTagsException">Tags would be deleted in a repository with immutable tags.</exception>
    /// <exception cref="ArtifactRegistryApiException">The registry refused, e.g. a platform manifest an index still lists.</exception>
    public static async Task<DeleteImageResult> RunAsync(OperationContext context, DeleteImageSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Image))
            throw new SettingsException($"DeleteImage was given no image, and deletes only the one it is named: {Image}.", Image);
        var reference = ImageDeletionRules.RequireTagOrDigest(ImageReference.Parse(settings.Image));
        using var client = await RestOnlyClient.OpenAsync(context, nameof(DeleteImage), cancellationToken).ConfigureAwait(false);
        var result = await DeleteAsync(client, reference, settings.DeleteTags, cancellationToken).ConfigureAwait(false);
        context.Logger.LogInformation("{Result}", result);
        return result;
    }

    private static readonly SettingName Image = SettingNames.DeleteImage.With("asia-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE@sha256:DIGEST");

    private static async Task<DeleteImageResult> DeleteAsync(ArtifactRegistryClient client, ImageReference reference, bool deleteTags, CancellationToken cancellationToken)
    {

        var digest = await TagChecks.ResolveAsync(client, reference, cancellationToken).ConfigureAwait(false);

        var version = reference.PackageName.Version(digest);
        IReadOnlyList<string> tagsOnDigest;
        try
        {
            tagsOnDigest = await TagChecks.TagsOfAsync(client, version, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactRegistryApiException e) when (e.IsNotFound)
        {
            return new DeleteImageResult(reference.WithoutTag().WithDigest(digest), [], AlreadyGone: true);
        }

        var tags = ImageDeletionRules.TagsDeletedWith(reference, digest, tagsOnDigest, deleteTags);
        // Tags go first: a refusal of the version after them would leave the image untagged, so both permissions are checked before either.
        await PermissionRefusals.RequireAsync(client, reference.RepositoryName,
            tags.Count > 0 ? [ArtifactRegistryPermissions.DeleteTag, ArtifactRegistryPermissions.DeleteVersion] : [ArtifactRegistryPermissions.DeleteVersion],
            $"delete {version.Digest.ToShortString()} of {reference.PackageName.ImagePath} from", cancellationToken).ConfigureAwait(false);
        if (tags.Count > 0)
            await TagChecks.RequireMutableTagsAsync(client, reference.RepositoryName, tags[0], "delete", cancellationToken).ConfigureAwait(false);
        foreach (var tag in tags)
        {
            try
            {
                await client.DeleteTagAsync(reference.PackageName.Tag(tag), cancellationToken).ConfigureAwait(false);
            }
            catch (ArtifactRegistryApiException e) when (e.IsNotFound)
            {
                // Gone meanwhile: the wanted state.
            }
            catch (ArtifactRegistryApiException e) when (e.IsPermissionDenied)
            {
                throw PermissionRefusals.Explain(client, e, reference.RepositoryName, ArtifactRegistryPermissions.DeleteTag, $"delete tag {tag}");
            }
        }

        try
        {
            var operation = await client.DeleteVersionAsync(version, force: false, cancellationToken).ConfigureAwait(false);
            if (!operation.Done)
                await client.WaitForOperationAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactRegistryApiException e) when (e.IsNotFound)
        {
            return new DeleteImageResult(reference.WithoutTag().WithDigest(digest), tags, AlreadyGone: true);
        }
        catch (ArtifactRegistryApiException e) when (e.IsPermissionDenied)
        {
            throw PermissionRefusals.Explain(client, e, reference.RepositoryName, ArtifactRegistryPermissions.DeleteVersion, $"delete {version.Digest.ToShortString()}");
        }

        return new DeleteImageResult(reference.WithoutTag().WithDigest(digest), tags, AlreadyGone: false);
    }
}
