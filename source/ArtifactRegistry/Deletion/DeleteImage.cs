using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using ArtifactRegistry.Tagging;

namespace ArtifactRegistry.Deletion;

/// <summary>
/// Deletes one image, safely: <c>gcloud artifacts docker images delete IMG@sha256:… [--delete-tags]</c> without its footguns.
/// A bare name is refused (gcloud would delete <c>:latest</c>, or the whole package); a tag stands for its digest; other tags
/// on that digest go only with <paramref name="deleteTags"/>, and are named when refused.
/// </summary>
public static class DeleteImage
{
    /// <param name="image"><c>…/IMAGE@sha256:…</c>, <c>…/IMAGE:TAG</c>, or both.</param>
    /// <exception cref="ImageDeletionRefusedException">A bare name, a tag that moved from the digest given, or tags not allowed to go; nothing was deleted.</exception>
    /// <exception cref="ImmutableTagsException">Tags would be deleted in a repository with immutable tags.</exception>
    /// <exception cref="ArtifactRegistryApiException">The registry refused, e.g. a platform manifest an index still lists.</exception>
    public static async Task<DeleteImageResult> RunAsync(ArtifactRegistryClient client, string image, bool deleteTags = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var reference = ImageDeletionRules.RequireTagOrDigest(ImageReference.Parse(image));

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

        return new DeleteImageResult(reference.WithoutTag().WithDigest(digest), tags, AlreadyGone: false);
    }
}
