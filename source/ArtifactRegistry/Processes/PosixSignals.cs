using System.Runtime.InteropServices;

namespace ArtifactRegistry.Processes;

/// <summary>libc <c>kill(2)</c>: .NET can only SIGKILL a process, and a graceful stop needs SIGTERM first.</summary>
internal static partial class PosixSignals
{
    // Same numbers on Linux and macOS.
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <returns>False when the process no longer exists (or is not ours to signal).</returns>
    public static bool Send(int processId, int signal) => processId > 0 && kill(processId, signal) == 0;

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need AllowUnsafeBlocks for no gain on a blittable signature.
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}
