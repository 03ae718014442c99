using ArtifactRegistry.Hints;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Deletion;

/// <summary>A single-image delete was refused before anything was deleted: the message says why and what to write instead.</summary>
public sealed class ImageDeletionRefusedException(string image, string message, IReadOnlyList<string>? tags = null) : Exception(message)
{
    /// <summary>The image as asked for.</summary>
    public string Image { get; } = image;

    /// <summary>The tags that would have gone with the image, when those were the reason.</summary>
    public IReadOnlyList<string> Tags { get; } = tags ?? [];

    /// <inheritdoc/>
    public override string Message => SettingHints.Render(this, base.Message);

    internal ImageDeletionRefusedException(ImageReference image, string message, IReadOnlyList<string>? tags = null)
        : this(image.ToString(), message, tags)
    {
    }
}
