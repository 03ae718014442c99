namespace Nuke.Common.Execution;

/// <summary>What a run did: its exit code and, for each planned target in order, how it ended.</summary>
internal sealed record BuildResult(int ExitCode, IReadOnlyList<TargetOutcome> Targets)
{
    public static BuildResult FailedToStart() => new(1, []);

    public TargetOutcome this[string name] => Targets.Single(x => x.Name == name);
}

internal sealed record TargetOutcome(string Name, ExecutionStatus Status, TimeSpan Duration, string? Note);
