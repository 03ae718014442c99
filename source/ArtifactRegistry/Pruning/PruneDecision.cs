using ArtifactRegistry.References;

namespace ArtifactRegistry.Pruning;

/// <summary>What the plan does with one version, and why in words (<see cref="Explanation"/>).</summary>
public sealed record PruneDecision
{
    /// <summary>The version decided on.</summary>
    public required ImageVersion Version { get; init; }

    /// <summary>Whether the version is deleted (true) or kept.</summary>
    public required bool Delete { get; init; }

    /// <summary>Why it is deleted or kept.</summary>
    public required PruneReason Reason { get; init; }

    /// <summary>The reason for a person: <c>untagged, 40 d old</c>, <c>tag 'v1' matches keep pattern '^v'</c>.</summary>
    public required string Explanation { get; init; }

    /// <summary>Age at planning time, from <see cref="Recency"/>; null when unknown.</summary>
    public TimeSpan? Age { get; init; }

    /// <summary>The tags deleted before the version (those of a tagged version the filter selected).</summary>
    public IReadOnlyList<string> TagsToDelete { get; init; } = [];

    /// <summary>
    /// For deletions: the round it belongs to. Indexes go in a round before their platform manifests, so the registry never
    /// sees a manifest deleted while an index still lists it.
    /// </summary>
    public int Round { get; init; }

    /// <summary>For a platform manifest: the index whose fate decided its own.</summary>
    public ImageDigest? Index { get; init; }
}
