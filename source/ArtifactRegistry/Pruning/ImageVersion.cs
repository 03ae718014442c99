using ArtifactRegistry.References;

namespace ArtifactRegistry.Pruning;

/// <summary>
/// One version of a Docker image package as the registry lists it: the digest, its tags, when it was uploaded and built,
/// its size, and, for a manifest list or OCI index, the digests of the platform manifests it lists.
/// </summary>
public sealed record ImageVersion
{
    public ImageVersion(PackageName package, ImageDigest digest)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(digest);
        Package = package;
        Digest = digest;
    }

    public PackageName Package { get; }

    public ImageDigest Digest { get; }

    /// <summary>Every tag pointing at this version; empty for an untagged one.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>When the registry received it (its own clock).</summary>
    public DateTimeOffset? UploadTime { get; init; }

    /// <summary>When the image says it was built; reproducible builders write 1970 or 1980 here.</summary>
    public DateTimeOffset? BuildTime { get; init; }

    public long? SizeBytes { get; init; }

    public string? MediaType { get; init; }

    /// <summary>The platform manifests a manifest list or OCI index lists; empty for a single-platform image.</summary>
    public IReadOnlyList<ImageDigest> Children { get; init; } = [];

    public bool IsTagged => Tags.Count > 0;

    public VersionName Name => Package.Version(Digest);

    /// <summary><c>HOST/P/R/IMAGE@sha256:…</c>.</summary>
    public ImageReference ToImageReference() => Name.ToImageReference();
}
