namespace Nuke.Common.Execution;

internal enum ExecutionStatus
{
    Scheduled,
    Running,
    Succeeded,
    Failed,
    Skipped,

    /// <summary>A target without actions, only grouping its dependencies.</summary>
    Collective,

    /// <summary>Not reached because an earlier target failed.</summary>
    NotRun
}
