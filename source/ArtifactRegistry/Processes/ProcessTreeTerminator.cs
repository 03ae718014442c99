using System.Diagnostics;

namespace ArtifactRegistry.Processes;

/// <summary>
/// Stops a program and everything it started: SIGTERM to the whole tree so each process can clean up,
/// then, after the grace period, SIGKILL to whatever is left of it.
/// </summary>
internal static class ProcessTreeTerminator
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    public static async Task TerminateAsync(Process process, TimeSpan gracePeriod)
    {
        if (LinuxProcessTable.IsAvailable)
            await TerminateLinuxTreeAsync(process.Id, gracePeriod);
        else
            await TerminateElsewhereAsync(process, gracePeriod);
    }

    private static async Task TerminateLinuxTreeAsync(int processId, TimeSpan gracePeriod)
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

    private static async Task TerminateElsewhereAsync(Process process, TimeSpan gracePeriod)
    {
        if (!OperatingSystem.IsWindows() && PosixSignals.Send(process.Id, PosixSignals.SigTerm))
        {
            using var grace = new CancellationTokenSource(gracePeriod);
            try
            {
                await process.WaitForExitAsync(grace.Token);
                return;
            }
            catch (OperationCanceledException)
            {
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }
}
