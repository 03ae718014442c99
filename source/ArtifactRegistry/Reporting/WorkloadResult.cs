namespace ArtifactRegistry.Reporting;

/// <summary>One workload's rollout, or in a dry run what it would get.</summary>
internal sealed record WorkloadResult
{
    /// <summary><c>deployment/api</c>.</summary>
    public required string Workload { get; init; }

    public required string Namespace { get; init; }

    public required string Container { get; init; }

    /// <summary><c>rolledOut</c>, <c>unchanged</c>, <c>planned</c> (dry run), <c>failed</c>, <c>rolledBack</c> or <c>rollbackFailed</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The image set (or that would be set): pinned, or in a Deploy's dry run <c>IMAGE:TAG</c> without the digest the build will make.</summary>
    public required string Image { get; init; }

    /// <summary>The digest the workload runs now; null in a Deploy's dry run (the next build's digest is not known yet).</summary>
    public string? NewDigest { get; init; }

    /// <summary>The image the container had before.</summary>
    public string? PreviousImage { get; init; }

    /// <summary>The digest the container had before, when its image was pinned to one.</summary>
    public string? PreviousDigest { get; init; }

    /// <summary>The deployment's revision at the end; null for other kinds and dry runs.</summary>
    public string? Revision { get; init; }

    /// <summary>Why the rollout failed; null when it did not.</summary>
    public string? Failure { get; init; }
}
