namespace ArtifactRegistry.Registry;

/// <summary>How fast and how wide <see cref="VersionDeleter"/> deletes.</summary>
public sealed record VersionDeleterOptions
{
    /// <summary>Delete requests (tags and versions) per second and per project and location; see <see cref="DeleteRateLimits"/>.</summary>
    public double DeletesPerSecond { get; init; } = DeleteRateLimits.DefaultPerSecond;

    /// <summary>Requests in flight at once; enough to reach the rate when each takes a while or waits for a Retry-After.</summary>
    public int MaxConcurrency { get; init; } = 64;

    public VersionDeleteMode Mode { get; init; } = VersionDeleteMode.Single;

    /// <summary>Names per <c>versions.batchDelete</c> request (<see cref="VersionDeleteMode.Batch"/>).</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>After cancellation, how long requests already sent may take to finish, so that what was deleted is known.</summary>
    public TimeSpan CancellationGrace { get; init; } = TimeSpan.FromSeconds(10);
}
