using Nuke.Common.Parameters;

namespace Nuke.Common.Execution;

/// <summary>The root is <c>--root</c> when given, otherwise the nearest directory at or above the working directory holding <c>.nuke</c>.</summary>
internal static class RootDirectoryLocator
{
    public const string MarkerName = ".nuke";

    public static string Locate(CommandLineArguments arguments, string workingDirectory)
    {
        if (arguments.Get("Root") is { } values)
        {
            var root = values.Count == 0 ? workingDirectory : Path.GetFullPath(values[0], workingDirectory);
            if (!Directory.Exists(root))
                throw new BuildFailure($"The root directory '{root}' given with --root does not exist.");
            return root;
        }

        for (var directory = new DirectoryInfo(workingDirectory); directory != null; directory = directory.Parent)
        {
            var marker = Path.Combine(directory.FullName, MarkerName);
            if (Directory.Exists(marker) || File.Exists(marker))
                return directory.FullName;
        }

        throw new BuildFailure(
            $"Could not find a '{MarkerName}' directory in '{workingDirectory}' or above it: run the build inside the repository, " +
            $"create '{MarkerName}' at its root, or pass --root <path>.");
    }
}
