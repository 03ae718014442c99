using System.Globalization;

namespace ArtifactRegistry.Processes;

/// <summary>Reads /proc to find a process's descendants. A process is identified by its pid AND start time, so a reused pid is never signalled.</summary>
internal static class LinuxProcessTable
{
    public readonly record struct Entry(int ProcessId, int ParentId, ulong StartTicks, bool IsRunning);

    public static bool IsAvailable => OperatingSystem.IsLinux() && Directory.Exists("/proc/self");

    public static Entry? Read(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ... starttime ...": comm may hold spaces and parentheses, so parse after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 20)
            return null;
        var state = fields[0];
        return new Entry(
            processId,
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            ulong.Parse(fields[19], CultureInfo.InvariantCulture),
            IsRunning: state is not ("Z" or "X" or "x"));
    }

    /// <summary>True while the process with that identity exists and is not a zombie.</summary>
    public static bool IsRunning(Entry entry) => Read(entry.ProcessId) is { IsRunning: true } now && now.StartTicks == entry.StartTicks;

    public static IReadOnlyList<Entry> ReadAll()
    {
        var entries = new List<Entry>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
                && Read(processId) is { } entry)
                entries.Add(entry);
        }
        return entries;
    }

    /// <summary>The running processes among <paramref name="roots"/> and all their running descendants, parents before children.</summary>
    public static List<Entry> RunningTree(IEnumerable<Entry> roots)
    {
        var childrenByParent = ReadAll().Where(entry => entry.IsRunning).ToLookup(entry => entry.ParentId);
        var tree = new List<Entry>();
        var seen = new HashSet<int>();
        var pending = new Queue<Entry>(roots.Where(IsRunning));
        while (pending.TryDequeue(out var entry))
        {
            if (!seen.Add(entry.ProcessId))
                continue;
            tree.Add(entry);
            foreach (var child in childrenByParent[entry.ProcessId])
                pending.Enqueue(child);
        }
        return tree;
    }
}
