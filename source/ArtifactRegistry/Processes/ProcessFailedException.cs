namespace ArtifactRegistry.Processes;

/// <summary>A program could not be run or ended badly. The message shows the (redacted) command line and working directory.</summary>
public abstract class ProcessFailedException : Exception
{
    private protected ProcessFailedException(ProcessFailureContext context, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Program = context.Program;
        CommandLine = context.CommandLine;
        WorkingDirectory = context.WorkingDirectory;
    }

    /// <summary>The program as the command named it, e.g. <c>docker</c>.</summary>
    public string Program { get; }

    /// <summary>The command line with secrets shown as <c>[REDACTED]</c>.</summary>
    public string CommandLine { get; }

    /// <summary>The directory the program ran in.</summary>
    public string WorkingDirectory { get; }
}
