namespace ArtifactRegistry.Processes;

/// <summary>
/// Finds the file a program name stands for, the way a shell would, in the PATH the program will get.
/// Looked up on every run: caching would go stale when a build installs a tool or changes PATH.
/// </summary>
internal static class ProgramLocator
{
    public static bool IsPath(string program) =>
        program.Contains(Path.DirectorySeparatorChar) || program.Contains(Path.AltDirectorySeparatorChar);

    /// <returns>The absolute path of the program, or null when no such file exists.</returns>
    public static string? Locate(string program, string? searchPath)
    {
        if (IsPath(program))
            return Candidates(Path.GetFullPath(program)).FirstOrDefault(File.Exists);

        return (searchPath ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(directory => Candidates(Path.Combine(directory, program)))
            .FirstOrDefault(IsExecutableFile);
    }

    public static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
            return false;
        if (OperatingSystem.IsWindows())
            return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    private static IEnumerable<string> Candidates(string path)
    {
        yield return path;
        if (!OperatingSystem.IsWindows() || Path.HasExtension(path))
            yield break;
        var extensions = Environment.GetEnvironmentVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD";
        foreach (var extension in extensions.Split(';', StringSplitOptions.RemoveEmptyEntries))
            yield return path + extension;
    }
}
