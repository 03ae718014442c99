using ArtifactRegistry.References;

namespace ArtifactRegistry.Tagging;

/// <summary>The tag deleted and the digest it pointed at; <see cref="Digest"/> is null when the tag did not exist.</summary>
public sealed record TagDeleteResult(ImageReference Tag, ImageDigest? Digest)
{
    /// <summary>Whether the tag did not exist (nothing was deleted).</summary>
    public bool AlreadyGone => Digest is null;

    /// <summary>One line for the build log: the tag deleted and its digest, or that it did not exist.</summary>
    public override string ToString() => AlreadyGone
        ? $"TagDelete: {Tag} did not exist (nothing to do)"
        : $"TagDelete: deleted {Tag} (it pointed at {Digest!.ToShortString()}; that image stays)";
}
