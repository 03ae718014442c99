using ArtifactRegistry.References;

namespace ArtifactRegistry.Tagging;

/// <summary>The tag deleted and the digest it pointed at; <see cref="Digest"/> is null when the tag did not exist.</summary>
public sealed record TagDeleteResult(ImageReference Tag, ImageDigest? Digest)
{
    public bool AlreadyGone => Digest is null;

    public override string ToString() => AlreadyGone
        ? $"TagDelete: {Tag} did not exist (nothing to do)"
        : $"TagDelete: deleted {Tag} (it pointed at {Digest!.ToShortString()}; that image stays)";
}
