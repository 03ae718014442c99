using ArtifactRegistry.Hints;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Deletion;

/// <summary>
/// The rules of deleting one image, checked before and after the tag is resolved:
/// an image is deleted by digest; a bare name is refused (gcloud would take it to mean <c>:latest</c>, or the whole package);
/// a tag stands for its digest, and tags besides it on that digest are deleted only when asked for, by name.
/// </summary>
public static class ImageDeletionRules
{
    /// <summary>Refuses a reference with neither tag nor digest, before any call.</summary>
    /// <exception cref="ImageDeletionRefusedException">Neither tag nor digest.</exception>
    public static ImageReference RequireTagOrDigest(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.HasTagOrDigest)
            return image;
        throw new ImageDeletionRefusedException(image,
            $"Refusing to delete {image}: it names neither a tag nor a digest. `gcloud container images delete` takes such a name to mean " +
            $":{ImageReference.ImplicitDefaultTag}, and `gcloud artifacts docker images delete` deletes every version of the package; this " +
            $"deletes one image, so say which: {image.Name}@sha256:<digest> (digests: gcloud artifacts docker images list {image.Name} --include-tags), " +
            $"or {image.Name}:<tag> for the image a tag points at.");
    }

    /// <summary>
    /// The tags deleted with the image <paramref name="image"/> resolved to (all of <paramref name="tagsOnDigest"/>, which the
    /// registry requires gone before the version), or a refusal naming the tags the caller did not ask to lose.
    /// </summary>
    /// <param name="image">As asked for: a tag, a digest, or both.</param>
    /// <param name="digest">The digest the image resolved to (the tag's, when only a tag was given).</param>
    /// <param name="tagsOnDigest">Every tag pointing at <paramref name="digest"/> now.</param>
    /// <param name="deleteTags">Whether the caller allowed deleting tags besides the one named.</param>
    /// <exception cref="ImageDeletionRefusedException">The tag moved away from the digest named with it, or other tags would go too.</exception>
    public static IReadOnlyList<string> TagsDeletedWith(ImageReference image, ImageDigest digest, IReadOnlyList<string> tagsOnDigest, bool deleteTags)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(tagsOnDigest);
        RequireTagOrDigest(image);
        if (image is { HasTag: true, HasDigest: true } && !tagsOnDigest.Contains(image.Tag, StringComparer.Ordinal))
            throw new ImageDeletionRefusedException(image,
                $"Refusing to delete {image}: tag {image.Tag} no longer points at {image.Digest.ToShortString()} " +
                $"(it was moved or deleted), so the reference names two different images. Nothing was deleted; name the one meant: " +
                $"{image.Name}@{image.Digest} or {image.Name}:{image.Tag}.");

        var others = tagsOnDigest.Where(t => t != image.Tag).Order(StringComparer.Ordinal).ToList();
        if (others.Count > 0 && !deleteTags)
        {
            var what = image.HasTag ? $"besides {image.Tag}, tag{(others.Count == 1 ? "" : "s")}" : $"tag{(others.Count == 1 ? "" : "s")}";
            throw new ImageDeletionRefusedException(image,
                $"Refusing to delete {image}: {what} {string.Join(", ", others)} also point{(others.Count == 1 ? "s" : "")} at " +
                $"{digest.ToShortString()} and would be deleted with it. Allow that explicitly ({SettingNames.DeleteTags.With("true")}), " +
                $"or delete just one tag with TagDelete ({OneTag(image, others)}).",
                others).Naming(SettingNames.DeleteTags.With("true"), OneTag(image, others));
        }

        return [.. tagsOnDigest.Order(StringComparer.Ordinal)];
    }

    private static SettingName OneTag(ImageReference image, IReadOnlyList<string> others) =>
        SettingNames.RemoveTag.With($"{image.Name}:{(image.HasTag ? image.Tag : others[0])}");
}
