namespace ArtifactRegistry.Processes;

/// <summary>
/// The caller's cancellation token stopped the program, which was killed with its child processes.
/// An <see cref="OperationCanceledException"/>, so ordinary cancellation handling applies.
/// </summary>
public sealed class ProcessCanceledException : OperationCanceledException
{
    internal ProcessCanceledException(ProcessFailureContext context, int processId, TimeSpan ranFor, CancellationToken token)
        : base(context.Describe($"Process '{context.Program}' was canceled after {ranFor.TotalSeconds:0.###} s and killed with its child processes.", [], []), token)
    {
        Program = context.Program;
        CommandLine = context.CommandLine;
        ProcessId = processId;
    }

    /// <summary>The program as the command named it.</summary>
    public string Program { get; }

    /// <summary>The command line with secrets shown as <c>[REDACTED]</c>.</summary>
    public string CommandLine { get; }

    /// <summary>The killed process's id.</summary>
    public int ProcessId { get; }
}
