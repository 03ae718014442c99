using System.Collections.Immutable;

namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>The user-visible configuration of a repository (what repositories.get returns besides its content).</summary>
internal sealed record RepositorySettings
{
    public string Format { get; init; } = "DOCKER";

    public string Mode { get; init; } = "STANDARD_REPOSITORY";

    public string? Description { get; init; }

    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary><c>dockerConfig.immutableTags</c>: tags can be created but never moved or deleted.</summary>
    public bool ImmutableTags { get; init; }

    /// <summary><c>cleanupPolicies</c> kept as the JSON object the client sent (the sandbox stores, validates and returns them; it runs no cleanup job).</summary>
    public string? CleanupPoliciesJson { get; init; }

    public bool CleanupPolicyDryRun { get; init; }

    public string? KmsKeyName { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public required DateTimeOffset UpdateTime { get; init; }
}
