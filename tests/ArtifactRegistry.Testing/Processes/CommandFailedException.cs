namespace ArtifactRegistry.Testing.Processes;

/// <summary>A program a fixture ran exited non-zero; the message carries the tail of both output streams.</summary>
public sealed class CommandFailedException(CommandResult result) : Exception(Describe(result))
{
    public CommandResult Result { get; } = result;

    private static string Describe(CommandResult result) =>
        $"{result}.{Environment.NewLine}" +
        $"stderr:{Environment.NewLine}{OutputTail.Of(result.StandardError)}{Environment.NewLine}" +
        $"stdout:{Environment.NewLine}{OutputTail.Of(result.StandardOutput)}";
}
