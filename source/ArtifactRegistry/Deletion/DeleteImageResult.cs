using ArtifactRegistry.References;

namespace ArtifactRegistry.Deletion;

/// <summary>What a single delete removed: the image (pinned) and the tags that went with it.</summary>
public sealed record DeleteImageResult(ImageReference Image, IReadOnlyList<string> TagsDeleted, bool AlreadyGone)
{
    /// <summary>One line for the build log: what was deleted, with which tags, or that it was already gone.</summary>
    public override string ToString() => AlreadyGone
        ? $"DeleteImage: {Image} was already gone"
        : $"DeleteImage: deleted {Image}{(TagsDeleted.Count > 0 ? $" with tags {string.Join(", ", TagsDeleted)}" : "")}";
}
