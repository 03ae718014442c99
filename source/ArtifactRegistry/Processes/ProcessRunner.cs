namespace ArtifactRegistry.Processes;

/// <summary>Runs commands as real processes, started and piped by CliWrap.</summary>
public sealed class ProcessRunner : IProcessRunner
{
    /// <summary>The shared runner; it holds no state.</summary>
    public static ProcessRunner Default { get; } = new();

    /// <summary>
    /// Starts the program, feeds its standard input, streams its output, and waits for it to exit and close its output.
    /// </summary>
    /// <exception cref="ProgramNotFoundException">The program is not on PATH.</exception>
    /// <exception cref="ProcessStartException">The operating system refused to start it.</exception>
    /// <exception cref="ProcessExitCodeException">It exited non-zero under <see cref="ProcessValidation.ZeroExitCode"/>.</exception>
    /// <exception cref="ProcessTimeoutException">It outlived its timeout; it and its children were stopped.</exception>
    /// <exception cref="ProcessCanceledException">The token was canceled; it and its children were stopped.</exception>
    public Task<ProcessResult> ExecuteAsync(ProcessCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new ProcessExecution(command).RunAsync(cancellationToken);
    }
}
