namespace ArtifactRegistry.Registry;

/// <summary>A docker image as the REST API lists it (tagged or not: untagged images are visible here, not in the registry API).</summary>
internal sealed record DockerImage
{
    /// <summary><c>projects/P/locations/L/repositories/R/dockerImages/IMG@sha256:…</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>LOCATION-docker.pkg.dev/P/R/IMG@sha256:…</c>.</summary>
    public string? Uri { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public long? ImageSizeBytes { get; init; }

    public DateTimeOffset? UploadTime { get; init; }

    public DateTimeOffset? BuildTime { get; init; }

    public DateTimeOffset? UpdateTime { get; init; }

    public string? MediaType { get; init; }

    public string? ArtifactType { get; init; }

    /// <summary>The platform manifests of a multi-architecture index.</summary>
    public IReadOnlyList<ImageManifest>? ImageManifests { get; init; }
}

internal sealed record ImageManifest
{
    public string? Architecture { get; init; }

    public string? Os { get; init; }

    public string? Digest { get; init; }

    public string? MediaType { get; init; }

    public string? Variant { get; init; }
}
