namespace ArtifactRegistry.Processes;

/// <summary>The program ran longer than its timeout, and it was killed with its child processes.</summary>
public sealed class ProcessTimeoutException : ProcessFailedException
{
    internal ProcessTimeoutException(ProcessFailureContext context, TimeSpan timeout, int processId, IReadOnlyList<string> errorTail, IReadOnlyList<string> outputTail)
        : base(context, context.Describe(
            $"Process '{context.Program}' did not exit within its timeout of {Seconds(timeout)} and was killed with its child processes.",
            errorTail, outputTail,
            "If it needs longer, raise the timeout (ProcessCommand.WithTimeout); if it waits for input, give it standard input."))
    {
        Timeout = timeout;
        ProcessId = processId;
        StandardErrorTail = errorTail;
    }

    /// <summary>The timeout the program outlived.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The killed process's id.</summary>
    public int ProcessId { get; }

    /// <summary>The last lines of standard error, secrets masked.</summary>
    public IReadOnlyList<string> StandardErrorTail { get; }

    private static string Seconds(TimeSpan timeout) => $"{timeout.TotalSeconds:0.###} s";
}
