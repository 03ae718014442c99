using ArtifactRegistry.Kubernetes;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// What a platform mismatch's message draws on: the platforms the image's index has and those of the cluster's nodes, each
/// with why it is missing when it could not be read (the message then says so rather than guessing).
/// </summary>
internal sealed record PlatformFacts
{
    /// <summary><c>linux/amd64</c>, <c>linux/arm64/v8</c>: the index's entries, attestations left out; null when unread.</summary>
    public IReadOnlyList<string>? ImagePlatforms { get; init; }

    public string? ImagePlatformsProblem { get; init; }

    public IReadOnlyList<NodePlatform>? Nodes { get; init; }

    public string? NodesProblem { get; init; }
}
