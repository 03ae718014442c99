using ArtifactRegistry.References;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Tagging;

/// <summary>
/// Deletes one tag, never the image it points at: <c>gcloud artifacts docker tags delete IMG:TAG</c>. Idempotent: a tag
/// already gone is reported as such. A repository with immutable tags refuses, with the reason, before anything is sent.
/// </summary>
public static class TagDelete
{
    /// <param name="image"><c>…/IMAGE:TAG</c>.</param>
    /// <returns>The digest the tag pointed at, or null when it did not exist.</returns>
    /// <exception cref="References.InvalidImageReferenceException">Not a valid reference, or one without a tag.</exception>
    /// <exception cref="ImmutableTagsException">The repository has immutable tags.</exception>
    public static async Task<ImageDigest?> RunAsync(ArtifactRegistryClient client, string image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var reference = ImageReference.Parse(image);
        if (!reference.HasTag)
            throw new ArgumentException(
                $"TagDelete deletes a tag, and {image} names none. Write {reference.Name}:TAG; to delete the image itself, use DeleteImage with its digest.");

        var current = await client.FindTagAsync(reference.TagName, cancellationToken).ConfigureAwait(false);
        if (current?.Version is null)
            return null;
        await TagChecks.RequireMutableTagsAsync(client, reference.RepositoryName, reference.Tag, "delete", cancellationToken).ConfigureAwait(false);
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
            throw await TagChecks.ExplainAsync(client, e, reference.RepositoryName, reference.Tag, "delete", cancellationToken).ConfigureAwait(false);
        }

        return VersionName.Parse(current.Version).Digest;
    }
}
