using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Testing;

/// <summary>
/// Guards for tests that need a real external part (dockerd, gcloud, root). A missing part FAILS the test when
/// <c>CI=true</c>, because CI installs everything through <c>.ci/install</c> and a silent skip would hide a broken
/// install; elsewhere the test is ignored with the precise reason.
/// </summary>
public static class Prerequisites
{
    /// <summary>True when the environment variable <c>CI</c> is <c>true</c> (or <c>1</c>), as CI runs of <c>.ci/run</c> set it.</summary>
    public static bool InContinuousIntegration =>
        Environment.GetEnvironmentVariable("CI") is { } value &&
        (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    /// <summary>Returns the full path of <paramref name="program"/> found on PATH, or fails/ignores the test.</summary>
    public static string RequireProgram(string program) => RequireProgram(program, InContinuousIntegration);

    /// <inheritdoc cref="RequireProgram(string)"/>
    /// <param name="inContinuousIntegration">Decides fail (true) or ignore (false) instead of reading <c>CI</c>.</param>
    public static string RequireProgram(string program, bool inContinuousIntegration) =>
        RequireProgram(program, inContinuousIntegration, Environment.GetEnvironmentVariable("PATH") ?? "");

    internal static string RequireProgram(string program, bool inContinuousIntegration, string searchPath)
    {
        var found = FindOnPath(program, searchPath);
        if (found is not null)
            return found;

        var what = $"The program '{program}' is not on PATH ({searchPath}).";
        var fix = KnownPart.Find(program) switch
        {
            { InstalledByCiScript: true } part =>
                $"It comes from {part.Origin}; .ci/install installs it (.ci/run calls it first): run `bash .ci/install` as root.",
            { } part =>
                $"It comes from {part.Origin}; .ci/install cannot install it because only Debian's archive is reachable, so this machine image must provide it.",
            null =>
                $"Nothing in .ci/install provides it: add its package to .ci/install (which .ci/run calls) or install it on this machine.",
        };
        Missing($"{what} {fix}", inContinuousIntegration);
        return program; // not reached: Missing always throws
    }

    /// <summary>Where <c>.ci/install</c>'s part busybox-arm64 puts Debian's arm64 static busybox.</summary>
    public const string Arm64BusyboxPath = "/usr/local/lib/busybox-arm64/busybox";

    /// <summary>Fails/ignores the test unless the kernel runs arm64 programs through QEMU (binfmt_misc's enabled <c>qemu-aarch64</c> entry).</summary>
    public static void RequireArm64Emulation() =>
        RequireArm64Emulation(InContinuousIntegration, "/proc/sys/fs/binfmt_misc/qemu-aarch64", Environment.GetEnvironmentVariable("PATH") ?? "");

    internal static void RequireArm64Emulation(bool inContinuousIntegration, string binfmtEntry, string searchPath)
    {
        RequireProgram("qemu-aarch64-static", inContinuousIntegration, searchPath);
        var enabled = File.Exists(binfmtEntry) && File.ReadLines(binfmtEntry).FirstOrDefault() == "enabled";
        if (!enabled)
            Missing($"The kernel has no enabled binfmt_misc entry {binfmtEntry}, so an arm64 image's RUN steps cannot run here. " +
                    ".ci/install's part binfmt-qemu-aarch64 registers it: run `bash .ci/install binfmt-qemu-aarch64` as root.", inContinuousIntegration);
    }

    /// <summary>Returns <see cref="Arm64BusyboxPath"/>, or fails/ignores the test when it is missing.</summary>
    public static string RequireArm64Busybox() => RequireArm64Busybox(InContinuousIntegration, Arm64BusyboxPath);

    internal static string RequireArm64Busybox(bool inContinuousIntegration, string path)
    {
        if (!File.Exists(path))
            Missing($"{path} (Debian's busybox-static for arm64, the base of the arm64 test images) is missing. " +
                    ".ci/install's part busybox-arm64 downloads it: run `bash .ci/install busybox-arm64` as root.", inContinuousIntegration);
        return path;
    }

    /// <summary>Fails/ignores the test unless it runs as root (dockerd, mounts).</summary>
    public static void RequireRoot(string why)
    {
        if (geteuid() != 0)
            Missing($"This test needs root: {why}. It runs as '{Environment.UserName}'; CI runs .ci/run as root.", InContinuousIntegration);
    }

    /// <summary>Reports a missing part: <see cref="Assert.Fail(string)"/> under CI, <see cref="Assert.Ignore(string)"/> elsewhere.</summary>
    public static void Missing(string explanation, bool inContinuousIntegration)
    {
        if (inContinuousIntegration)
            Assert.Fail($"CI=true, so a missing external part fails the test. {explanation}");
        Assert.Ignore($"Missing external part (would fail under CI=true). {explanation}");
    }

    /// <summary>The library's own PATH lookup, so a test finds exactly the program the library would run.</summary>
    internal static string? FindOnPath(string program, string searchPath) =>
        ProgramLocator.Locate(program, searchPath) is { } found && ProgramLocator.IsExecutableFile(found) ? found : null;

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();
}
