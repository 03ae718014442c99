using System.Diagnostics;

namespace ArtifactRegistry.Processes;

/// <summary>
/// Stops a program and everything it started, on Linux: SIGTERM to the whole tree so each process can clean up, then, after the
/// grace period, SIGKILL to whatever is left of it. CliWrap's own stop is weaker: its graceful one sends one SIGINT to the program
/// alone (a shell's background children ignore SIGINT), and its forceful one kills the tree found at that moment, which no longer
/// holds a child whose parent exited during the grace period.
/// </summary>
internal static class ProcessTreeTerminator
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    public static bool IsAvailable => LinuxProcessTable.IsAvailable;

    public static async Task TerminateAsync(int processId, TimeSpan gracePeriod)
    {
        if (LinuxProcessTable.Read(processId) is not { } root)
            return;

        // The tree is remembered from the start: once a parent dies, its children are re-parented and
        // could no longer be found by walking down from the root.
        var known = LinuxProcessTable.RunningTree([root]);
        var terminated = new HashSet<LinuxProcessTable.Entry>();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            // A child started just before the first signal is only found now: it gets its SIGTERM (and grace) too.
            Signal(known.Where(terminated.Add), PosixSignals.SigTerm);
            if (deadline.Elapsed >= gracePeriod)
                break;
            await Task.Delay(PollInterval);
            known = LinuxProcessTable.RunningTree(known);
            if (known.Count == 0)
                return;
        }

        // Parents first so they cannot start more children; again for any started meanwhile, until all are gone.
        var killing = Stopwatch.StartNew();
        while ((known = LinuxProcessTable.RunningTree(known)).Count > 0 && killing.Elapsed < KillWait)
        {
            Signal(known, PosixSignals.SigKill);
            await Task.Delay(PollInterval / 5);
        }
    }

    private static void Signal(IEnumerable<LinuxProcessTable.Entry> entries, int signal)
    {
        foreach (var entry in entries)
        {
            if (LinuxProcessTable.IsRunning(entry))
                PosixSignals.Send(entry.ProcessId, signal);
        }
    }
}
