namespace Nuke.Common.Tooling;

/// <summary>Finds a tool by name on the PATH, the way a shell would.</summary>
internal static class ExecutableLocator
{
    public static string Resolve(string toolPath, IReadOnlyDictionary<string, string>? environmentVariables)
    {
        if (Path.IsPathRooted(toolPath) || toolPath.Contains(Path.DirectorySeparatorChar) || toolPath.Contains('/'))
        {
            var fullPath = Path.GetFullPath(toolPath);
            Assert.True(File.Exists(fullPath), $"The tool '{toolPath}' does not exist at '{fullPath}'.");
            return fullPath;
        }

        var path = environmentVariables?.FirstOrDefault(x => x.Key.Equals("PATH", StringComparison.OrdinalIgnoreCase)).Value
                   ?? Environment.GetEnvironmentVariable("PATH")
                   ?? string.Empty;
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", string.Empty } : new[] { string.Empty };

        var found = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => extensions.Select(extension => Path.Combine(directory, toolPath + extension)))
            .FirstOrDefault(File.Exists);

        Assert.True(found != null,
            $"Could not find '{toolPath}' on the PATH. Install it, or put the directory that contains it on the PATH.");
        return found!;
    }
}
