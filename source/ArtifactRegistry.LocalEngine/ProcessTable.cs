namespace ArtifactRegistry.LocalEngine;

/// <summary>
/// Finds the processes that belong to a private directory: those naming it on their command line (dockerd,
/// its containerd, the containerd shims) and those whose root is inside it (processes of a running container).
/// The directory names are random, so nothing else on the machine can match.
/// </summary>
public static class ProcessTable
{
    public static IReadOnlyList<int> ProcessesUsing(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        var found = new List<int>();
        foreach (var entry in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var processId) || processId == Environment.ProcessId)
                continue;
            if (CommandLineMentions(entry, prefix) || RootIsInside(entry, prefix))
                found.Add(processId);
        }
        return found;
    }

    private static bool CommandLineMentions(string procEntry, string prefix)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procEntry, "cmdline")).Contains(prefix, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool RootIsInside(string procEntry, string prefix)
    {
        try
        {
            var root = new FileInfo(Path.Combine(procEntry, "root")).LinkTarget;
            return root is not null && (root + "/").StartsWith(prefix, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
