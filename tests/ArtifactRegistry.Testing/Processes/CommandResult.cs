namespace ArtifactRegistry.Testing.Processes;

/// <summary>What a finished program run produced. <see cref="CommandLine"/> shows the arguments only, never the environment.</summary>
public sealed record CommandResult(
    string CommandLine,
    int ExitCode,
    string StandardOutput,
    string StandardError,
    TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Returns this result, or throws <see cref="CommandFailedException"/> with the command and its output when it exited non-zero.</summary>
    public CommandResult EnsureSuccess() => Succeeded ? this : throw new CommandFailedException(this);

    public override string ToString() => $"`{CommandLine}` exited with {ExitCode} after {Duration.TotalSeconds:0.00} s";
}
