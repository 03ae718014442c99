using System.Text;

namespace ArtifactRegistry.IntegrationTests.BuildSecrets;

/// <summary>Every process's command line and environment, read from /proc at one moment, by PID.</summary>
internal sealed record ProcessTableSnapshot(IReadOnlyList<ProcessTableSnapshot.Entry> Processes)
{
    /// <param name="Arguments">argv, one string per argument.</param>
    /// <param name="Environment">The environment as <c>NAME=value</c> strings; null where it could not be read.</param>
    internal sealed record Entry(int ProcessId, IReadOnlyList<string> Arguments, IReadOnlyList<string>? Environment);

    public static ProcessTableSnapshot Take()
    {
        var entries = new List<Entry>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var processId))
                continue;
            var arguments = ReadStrings(Path.Combine(directory, "cmdline"));
            if (arguments is null)
                continue; // ended while being read
            entries.Add(new Entry(processId, arguments, ReadStrings(Path.Combine(directory, "environ"))));
        }
        return new ProcessTableSnapshot(entries);
    }

    private static string[]? ReadStrings(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path)).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
