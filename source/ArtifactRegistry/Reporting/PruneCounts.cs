namespace ArtifactRegistry.Reporting;

/// <summary>A prune's counts and bytes: what was planned, and what happened to each planned deletion.</summary>
internal sealed record PruneCounts
{
    public bool DryRun { get; init; }

    /// <summary>Versions the plan deletes.</summary>
    public int Planned { get; init; }

    /// <summary>Versions the plan keeps.</summary>
    public int Kept { get; init; }

    public int Deleted { get; init; }

    public int AlreadyGone { get; init; }

    public int Refused { get; init; }

    public int Failed { get; init; }

    public int NotAttempted { get; init; }

    /// <summary>The sizes of the versions the plan deletes.</summary>
    public long BytesPlanned { get; init; }

    /// <summary>The sizes of the versions deleted.</summary>
    public long BytesReclaimed { get; init; }
}
