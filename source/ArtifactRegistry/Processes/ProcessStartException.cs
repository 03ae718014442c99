namespace ArtifactRegistry.Processes;

/// <summary>The program exists but the operating system refused to start it (not executable, missing working directory, ...).</summary>
public sealed class ProcessStartException : ProcessFailedException
{
    internal ProcessStartException(ProcessFailureContext context, string reason, Exception? innerException = null)
        : base(context, context.Describe($"Process '{context.Program}' could not be started: {reason}", [], []), innerException)
    {
    }
}
