using System.Text;

namespace ArtifactRegistry.IntegrationTests.Credentials;

/// <summary>
/// Reads every process's command line (and, for this user's processes, its environment) from /proc until stopped, so a
/// test can check afterwards that a secret it learns only later was in none of them.
/// </summary>
internal sealed class ProcessTableWatch : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _texts = [];
    private readonly Task<int> _loop;

    private ProcessTableWatch()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("The process table is read from /proc, which only Linux has.");
        _loop = Task.Run(LoopAsync);
    }

    public static ProcessTableWatch Start() => new();

    /// <returns>How many times the table was read, and every distinct text seen.</returns>
    public async Task<(int Samples, IReadOnlyCollection<string> Texts)> StopAsync()
    {
        await _stop.CancelAsync();
        var samples = await _loop;
        return (samples, _texts);
    }

    private async Task<int> LoopAsync()
    {
        var samples = 0;
        do
        {
            foreach (var process in Directory.EnumerateDirectories("/proc").Where(path => Path.GetFileName(path).All(char.IsAsciiDigit)))
            {
                Read(Path.Combine(process, "cmdline"));
                Read(Path.Combine(process, "environ"));
            }
            samples++;
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
        while (!_stop.IsCancellationRequested);
        return samples;
    }

    private void Read(string path)
    {
        try
        {
            _texts.Add(Encoding.UTF8.GetString(File.ReadAllBytes(path)).Replace('\0', ' '));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Processes end while being read, and other users' environments are closed to us.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
