using ArtifactRegistry.References;

namespace ArtifactRegistry.Publishing;

/// <summary>One platform's image inside a multi-platform push: the manifest the index lists for it.</summary>
public sealed record PlatformImage
{
    /// <summary>The platform as requested, e.g. <c>linux/arm64</c>.</summary>
    public required string Platform { get; init; }

    /// <summary>The platform manifest's digest (the index's child), e.g. what <c>docker pull --platform linux/arm64</c> resolves to.</summary>
    public required ImageDigest Digest { get; init; }

    /// <summary>The engine's image id of this platform's build (its config digest).</summary>
    public required string ImageId { get; init; }
}
