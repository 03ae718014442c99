using ArtifactRegistry.Iam;

namespace ArtifactRegistry.Docker;

/// <summary>What a caller knows when docker fails, to make the explanation precise.</summary>
public sealed record DockerErrorContext
{
    /// <summary>The image reference docker was given (as text: it may be the malformed one).</summary>
    public string? Reference { get; init; }

    /// <summary>The canonical registry host (<c>asia-docker.pkg.dev</c>).</summary>
    public string? CanonicalHost { get; init; }

    /// <summary>The host docker really talked to, when a <see cref="RegistryHostMap"/> maps it.</summary>
    public string? ActualHost { get; init; }

    /// <summary>Who docker authenticated as, when known.</summary>
    public GooglePrincipal? Principal { get; init; }

    /// <summary>The docker config docker used, to tell whether credentials were configured for the host at all.</summary>
    public DockerConfig? Config { get; init; }
}
