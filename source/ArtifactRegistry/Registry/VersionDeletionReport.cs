namespace ArtifactRegistry.Registry;

/// <summary>What a <see cref="VersionDeleter"/> run did to each version, and why it stopped early if it did.</summary>
internal sealed record VersionDeletionReport
{
    public required IReadOnlyList<VersionDeletionOutcome> Outcomes { get; init; }

    /// <summary>The run was cancelled; what was not yet started is <see cref="VersionDeletionStatus.NotAttempted"/>.</summary>
    public bool Cancelled { get; init; }

    /// <summary>The refusal that stopped the run: the principal may not delete here, so no further request could succeed.</summary>
    public ArtifactRegistryApiException? PermissionDenied { get; init; }

    public int Count(VersionDeletionStatus status) => Outcomes.Count(o => o.Status == status);
}
