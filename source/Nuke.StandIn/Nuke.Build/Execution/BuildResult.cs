namespace Nuke.Common.Execution;

/// <summary>
/// What a run did: its exit code, for each planned target in order how it ended, and, when it failed before any target ran,
/// the message the host printed.
/// </summary>
internal sealed record BuildResult(int ExitCode, IReadOnlyList<TargetOutcome> Targets, string? StartFailure = null)
{
    /// <summary>NUKE's exit code for a failed build: -1, which the process reports as 255.</summary>
    public const int ErrorExitCode = -1;

    public static BuildResult FailedToStart(string message) => new(ErrorExitCode, [], message);

    public TargetOutcome this[string name] => Targets.Single(x => x.Name == name);
}

internal sealed record TargetOutcome(string Name, ExecutionStatus Status, TimeSpan Duration, string? Note);
