namespace ArtifactRegistry.Processes;

/// <summary>The program exited with a non-zero code under <see cref="ProcessValidation.ZeroExitCode"/>.</summary>
public sealed class ProcessExitCodeException : ProcessFailedException
{
    internal ProcessExitCodeException(ProcessFailureContext context, int exitCode, int processId, IReadOnlyList<string> errorTail, IReadOnlyList<string> outputTail)
        : base(context, context.Describe($"Process '{context.Program}' exited with code {exitCode}.", errorTail, outputTail))
    {
        ExitCode = exitCode;
        ProcessId = processId;
        StandardErrorTail = errorTail;
    }

    /// <summary>The program's exit code.</summary>
    public int ExitCode { get; }

    /// <summary>The process's id.</summary>
    public int ProcessId { get; }

    /// <summary>The last lines of standard error, secrets masked.</summary>
    public IReadOnlyList<string> StandardErrorTail { get; }
}
