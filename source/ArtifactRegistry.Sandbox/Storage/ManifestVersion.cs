using System.Collections.Immutable;

namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>
/// A pushed manifest: an Artifact Registry version (<c>…/packages/IMG/versions/sha256:…</c>) and a Docker image (<c>…/dockerImages/IMG@sha256:…</c>).
/// Knows what it references so that deleting a blob's last user or an index's child can be refused like Google refuses it.
/// </summary>
internal sealed record ManifestVersion
{
    public required Digest Digest { get; init; }

    public required string MediaType { get; init; }

    public required byte[] Content { get; init; }

    public string? ArtifactType { get; init; }

    public Digest? ConfigDigest { get; init; }

    /// <summary>Config and layer blobs.</summary>
    public ImmutableArray<Digest> Blobs { get; init; } = [];

    /// <summary>Child manifests of an index or manifest list.</summary>
    public ImmutableArray<Platform> Children { get; init; } = [];

    /// <summary>The OCI <c>subject</c> (what this artifact refers to), if any.</summary>
    public Digest? Subject { get; init; }

    public ImmutableDictionary<string, string> Annotations { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Manifest, config and layer sizes added up (for an index: its children's sizes); Artifact Registry reports a comparable figure.</summary>
    public long ImageSizeBytes { get; init; }

    public required DateTimeOffset UploadTime { get; init; }

    public required DateTimeOffset UpdateTime { get; init; }

    /// <summary>From the image config's <c>created</c> field, when it has one.</summary>
    public DateTimeOffset? BuildTime { get; init; }

    public bool IsIndex => MediaTypes.IsIndex(MediaType);

    /// <summary>The version a parsed manifest becomes (sizes from its descriptors; an index's size is completed by the store).</summary>
    public static ManifestVersion From(ManifestDocument document, byte[] content, DateTimeOffset uploaded, DateTimeOffset? built) => new()
    {
        Digest = Digest.Of(content),
        MediaType = document.MediaType,
        Content = content,
        ArtifactType = document.ArtifactType ?? ArtifactTypeOf(document),
        ConfigDigest = document.Config?.Digest,
        Blobs = document.Config is null ? [] : [document.Config.Digest, .. document.Layers.Select(l => l.Digest)],
        Children = [.. document.Manifests.Select(m => m.Platform)],
        Subject = document.Subject,
        Annotations = document.Annotations,
        ImageSizeBytes = content.Length + (document.Config?.Size ?? 0) + document.Layers.Sum(l => l.Size),
        UploadTime = uploaded,
        UpdateTime = uploaded,
        BuildTime = built,
    };

    /// <summary>An OCI artifact (signature, SBOM, Helm chart) is told apart from an image by its config media type.</summary>
    private static string? ArtifactTypeOf(ManifestDocument document) =>
        document is { MediaType: MediaTypes.OciManifest, Config: { } config }
        && config.MediaType is not ("application/vnd.oci.image.config.v1+json" or "application/vnd.docker.container.image.v1+json")
            ? config.MediaType
            : null;
}
