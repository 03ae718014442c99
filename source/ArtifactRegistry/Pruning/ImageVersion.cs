using ArtifactRegistry.References;

namespace ArtifactRegistry.Pruning;

/// <summary>
/// One version of a Docker image package as the registry lists it: the digest, its tags, when it was uploaded and built,
/// its size, and, for a manifest list or OCI index, the digests of the platform manifests it lists.
/// </summary>
public sealed record ImageVersion
{
    /// <summary>A version of <paramref name="package"/> with <paramref name="digest"/>; the other properties are set with <c>init</c>.</summary>
    public ImageVersion(PackageName package, ImageDigest digest)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(digest);
        Package = package;
        Digest = digest;
    }

    /// <summary>The package (image) the version belongs to.</summary>
    public PackageName Package { get; }

    /// <summary>The version's digest, which is its version ID.</summary>
    public ImageDigest Digest { get; }

    /// <summary>Every tag pointing at this version; empty for an untagged one.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>When the registry received it (its own clock).</summary>
    public DateTimeOffset? UploadTime { get; init; }

    /// <summary>When the image says it was built; reproducible builders write 1970 or 1980 here.</summary>
    public DateTimeOffset? BuildTime { get; init; }

    /// <summary>The image's size in bytes as the registry reports it; null when unknown.</summary>
    public long? SizeBytes { get; init; }

    /// <summary>The manifest's media type, e.g. <c>application/vnd.oci.image.index.v1+json</c>; null when unknown.</summary>
    public string? MediaType { get; init; }

    /// <summary>The platform manifests a manifest list or OCI index lists; empty for a single-platform image.</summary>
    public IReadOnlyList<ImageDigest> Children { get; init; } = [];

    /// <summary>Whether any tag points at this version.</summary>
    public bool IsTagged => Tags.Count > 0;

    /// <summary>The version's resource name.</summary>
    public VersionName Name => Package.Version(Digest);

    /// <summary><c>HOST/P/R/IMAGE@sha256:…</c>.</summary>
    public ImageReference ToImageReference() => Name.ToImageReference();
}
