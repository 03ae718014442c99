namespace ArtifactRegistry.Processes;

/// <summary>The program is not on PATH (or its path does not exist); the message says how to install it.</summary>
public sealed class ProgramNotFoundException : ProcessFailedException
{
    internal ProgramNotFoundException(ProcessFailureContext context, string? searchPath)
        : base(context, Describe(context.Program, searchPath))
    {
        SearchPath = searchPath;
    }

    /// <summary>The PATH that was searched: the command's override if it has one, else this process's.</summary>
    public string? SearchPath { get; }

    private static string Describe(string program, string? searchPath)
    {
        var headline = ProgramLocator.IsPath(program)
            ? $"Program '{program}' was not found: no such file."
            : $"Program '{program}' was not found on PATH ({(string.IsNullOrEmpty(searchPath) ? "PATH is empty" : searchPath)}).";
        return $"{headline} {InstallHints.For(program)}";
    }
}
