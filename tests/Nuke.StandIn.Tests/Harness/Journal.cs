namespace Nuke.StandIn.Tests.Harness;

/// <summary>What the test builds' targets did, in order. Reset by every <see cref="BuildHarness"/>.</summary>
internal static class Journal
{
    private static readonly List<string> s_entries = new();

    public static IReadOnlyList<string> Entries
    {
        get
        {
            lock (s_entries)
                return s_entries.ToList();
        }
    }

    public static void Record(string entry)
    {
        lock (s_entries)
            s_entries.Add(entry);
    }

    public static void Clear()
    {
        lock (s_entries)
            s_entries.Clear();
    }
}
