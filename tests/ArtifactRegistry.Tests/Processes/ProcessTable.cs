namespace ArtifactRegistry.Tests.Processes;

/// <summary>Reads /proc independently of the runner's own code, to check which processes really are still alive.</summary>
internal static class ProcessTable
{
    /// <summary>A zombie counts as gone: it has exited and only waits for its parent (or init) to reap it.</summary>
    public static bool IsAlive(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Waits until the process runs <paramref name="program"/>. A shell prints <c>$!</c> right after forking, while the child
    /// is still a copy of the shell with its traps; a signal landing in that window is taken by the trap and lost.
    /// </summary>
    public static void WaitUntilRunning(int processId, string program)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (ProgramOf(processId) != program)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Process {processId} did not start '{program}' within 10 s.");
            Thread.Sleep(5);
        }
    }

    private static string? ProgramOf(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/comm").TrimEnd('\n');
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static void RequireLinux()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("Checking that a process tree is gone reads /proc, which only Linux has.");
    }

    /// <summary>Stops a process a failed test left behind, by its PID only.</summary>
    public static void KillIfAlive(int? processId)
    {
        if (processId is { } id && IsAlive(id))
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(id).Kill();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
            }
        }
    }
}
