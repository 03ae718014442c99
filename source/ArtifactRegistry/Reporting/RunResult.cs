namespace ArtifactRegistry.Reporting;

/// <summary>
/// What a run's operations produced, in the shape of <c>result-schema-v1.json</c>: the document of the result file, and what the
/// GitHub outputs, the step summary and the dotenv file are written from. Changing a field's meaning needs a new schema version.
/// </summary>
internal sealed record RunResult
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary><c>succeeded</c> until an operation fails.</summary>
    public RunOutcome Outcome { get; init; } = RunOutcome.Succeeded;

    /// <summary>The operations run, in order (<c>BuildAndPush</c>, <c>SetImage</c>…).</summary>
    public IReadOnlyList<string> Operations { get; init; } = [];

    /// <summary>Whether an operation ran as a dry run: nothing it reports was changed.</summary>
    public bool DryRun { get; init; }

    /// <summary>The failure that ended the run; null when it succeeded.</summary>
    public RunFailure? Failure { get; init; }

    /// <summary>The images pushed, one per image name (a later push of the same name replaces it).</summary>
    public IReadOnlyList<ImageResult> Images { get; init; } = [];

    /// <summary>The workloads rolled out (or planned, in a dry run).</summary>
    public IReadOnlyList<WorkloadResult> Workloads { get; init; } = [];

    /// <summary>The prune's counts, when one ran.</summary>
    public PruneCounts? Prune { get; init; }

    /// <summary>The kustomization files the pushed images were pinned in.</summary>
    public IReadOnlyList<KustomizationResult> Kustomizations { get; init; } = [];
}

/// <summary>How the run ended.</summary>
internal enum RunOutcome
{
    Succeeded,
    Failed,
}

/// <summary>Why the run failed: the exception's kind (its type name) and the message the user saw.</summary>
internal sealed record RunFailure(string Kind, string Message, string Operation);
