namespace ArtifactRegistry.Reporting;

/// <summary>One pushed image: what a later CI step deploys or pins.</summary>
internal sealed record ImageResult
{
    /// <summary>The canonical name without tag or digest: <c>asia-docker.pkg.dev/p/repo/api</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The first tag pinned to the digest: <c>…/api:abc1234@sha256:…</c>.</summary>
    public required string Reference { get; init; }

    /// <summary>The manifest digest: <c>sha256:…</c>.</summary>
    public required string Digest { get; init; }

    /// <summary>The name pinned to the digest, without a tag: <c>…/api@sha256:…</c>.</summary>
    public required string ImageWithDigest { get; init; }

    /// <summary>The tags pushed, in push order.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>A multi-platform image's platforms (<c>linux/amd64</c>, <c>linux/arm64</c>), in build order; null for one platform.</summary>
    public IReadOnlyList<string>? Platforms { get; init; }

    /// <summary>A multi-platform image's platform manifest digests by platform (the index's children); null for one platform.</summary>
    public IReadOnlyDictionary<string, string>? PlatformDigests { get; init; }

    /// <summary>The image's page in the Google Cloud console.</summary>
    public required string ConsoleUrl { get; init; }
}
