using System.Runtime.InteropServices;

namespace ArtifactRegistry.LocalEngine;

/// <summary>Signals by PID: <see cref="System.Diagnostics.Process.Kill()"/> only knows SIGKILL, and dockerd deserves a SIGTERM first.</summary>
public static class UnixSignals
{
    public const int Terminate = 15;
    public const int Kill = 9;

    public static bool Send(int processId, int signal) => kill(processId, signal) == 0;

    /// <summary>True while the process exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsRunning(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            // Format: "PID (comm) STATE ..."; comm may contain spaces and parentheses, so read after the last ')'.
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static async Task<bool> WaitForExitAsync(int processId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsRunning(processId))
        {
            if (DateTime.UtcNow >= deadline)
                return false;
            await Task.Delay(20);
        }
        return true;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
