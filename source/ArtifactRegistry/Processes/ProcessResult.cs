namespace ArtifactRegistry.Processes;

/// <summary>How a program ended, and what it printed (when buffering is on).</summary>
public sealed class ProcessResult
{
    /// <summary>Creates a result (runners and test doubles).</summary>
    public ProcessResult(int exitCode, string standardOutput, string standardError, int processId, DateTimeOffset startTime, TimeSpan duration)
    {
        ExitCode = exitCode;
        StandardOutput = standardOutput;
        StandardError = standardError;
        ProcessId = processId;
        StartTime = startTime;
        Duration = duration;
    }

    /// <summary>The program's exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Whether the exit code is 0.</summary>
    public bool IsSuccess => ExitCode == 0;

    /// <summary>Every line of standard output followed by <c>\n</c>; empty when buffering is off. Not redacted: it is what the program printed.</summary>
    public string StandardOutput { get; }

    /// <summary>Every line of standard error followed by <c>\n</c>; empty when buffering is off. Not redacted: it is what the program printed.</summary>
    public string StandardError { get; }

    /// <summary>The process's id.</summary>
    public int ProcessId { get; }

    /// <summary>When the program started.</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>From start to exit.</summary>
    public TimeSpan Duration { get; }

    /// <summary>When the program exited.</summary>
    public DateTimeOffset ExitTime => StartTime + Duration;

    /// <summary>A summary without the output, which may hold what a secret-printing program wrote.</summary>
    public override string ToString() =>
        $"Process {ProcessId} exited with code {ExitCode} after {Duration.TotalSeconds:0.###} s ({StandardOutput.Length} chars of output, {StandardError.Length} of error output)";
}
