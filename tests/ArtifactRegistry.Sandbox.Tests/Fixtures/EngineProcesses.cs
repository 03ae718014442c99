namespace ArtifactRegistry.Sandbox.Tests.Fixtures;

/// <summary>Looks at an engine's processes the way an outsider would: by parent PID and /proc, not through the fixture.</summary>
internal static class EngineProcesses
{
    public static bool Exists(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static IReadOnlyList<int> ChildrenOf(int parentProcessId) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var processId) ? processId : 0)
            .Where(processId => processId > 0 && ParentOf(processId) == parentProcessId)
            .ToList();

    public static bool AnyMountUnder(string directory) =>
        File.ReadLines("/proc/self/mountinfo").Any(line => line.Split(' ')[4].StartsWith(directory + "/", StringComparison.Ordinal) || line.Split(' ')[4] == directory);

    private static int ParentOf(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
