using System.Text.RegularExpressions;
using ArtifactRegistry.Hints;

namespace ArtifactRegistry.Docker;

/// <summary>
/// Whether the engine's machine can run a foreign platform's programs, which a Dockerfile's <c>RUN</c> steps need: the kernel hands
/// them to an emulator registered in binfmt_misc (QEMU's <c>qemu-aarch64</c>…). Only asked when the engine runs on this machine:
/// a remote engine's kernel (DOCKER_HOST tcp:// or ssh://) cannot be read from here, so nothing is said about it.
/// </summary>
internal static partial class PlatformEmulation
{
    /// <summary>Refuses, naming every platform that lacks its interpreter and the fix, before anything is built.</summary>
    /// <param name="engineArchitecture">The engine's architecture as docker names it (<c>amd64</c>).</param>
    /// <param name="binfmtDirectory">The kernel's binfmt_misc folder (<c>/proc/sys/fs/binfmt_misc</c>).</param>
    public static void EnsureAvailable(IReadOnlyList<string> platforms, string engineArchitecture, string? engineHost, string dockerfile, string binfmtDirectory)
    {
        if (!IsLocal(engineHost) || !HasRunSteps(dockerfile))
            return;
        var missing = platforms
            .Where(platform => NeedsEmulation(Architecture(platform), engineArchitecture))
            .Where(platform => !HasInterpreter(binfmtDirectory, QemuName(Architecture(platform))))
            .ToList();
        if (missing.Count == 0)
            return;

        var interpreters = string.Join(", ", missing.Select(platform => "qemu-" + QemuName(Architecture(platform))));
        var kept = platforms.Except(missing).ToList();
        throw new PlatformEmulationMissingException(
            $"Cannot build {string.Join(" and ", missing)} on this {engineArchitecture} machine: the Dockerfile has RUN steps, which would run " +
            $"{string.Join(" and ", missing.Select(Architecture))} programs, and the kernel has no enabled binfmt_misc interpreter for them " +
            $"({interpreters} is not registered in {binfmtDirectory}). Docker would fail late with 'exec format error'; nothing was built.{Environment.NewLine}" +
            $"Register QEMU's emulators: `sudo apt-get install qemu-user-static` (Debian, Ubuntu; without systemd also mount binfmt_misc and write " +
            $"the line of /usr/lib/binfmt.d/{interpreters.Split(", ")[0]}.conf to {binfmtDirectory}/register), or on a hosted CI runner " +
            $"`docker run --privileged --rm tonistiigi/binfmt --install all` (docker/setup-qemu-action in GitHub Actions); " +
            $"or build only {(kept.Count > 0 ? string.Join(", ", kept) : "the engine's platform")} with {SettingNames.Platforms}.",
            missing, SettingNames.Platforms);
    }

    /// <summary>Whether the engine is this machine's: a unix socket, or docker's default (its local socket).</summary>
    internal static bool IsLocal(string? engineHost) =>
        engineHost is null || engineHost.StartsWith("unix://", StringComparison.Ordinal);

    [GeneratedRegex(@"^\s*RUN\s", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex RunStep();

    internal static bool HasRunSteps(string dockerfile) => File.Exists(dockerfile) && RunStep().IsMatch(File.ReadAllText(dockerfile));

    /// <summary><c>linux/arm64/v8</c> → <c>arm64</c>.</summary>
    internal static string Architecture(string platform)
    {
        var parts = platform.Split('/');
        return parts.Length > 1 ? parts[1] : parts[0];
    }

    /// <summary>Whether <paramref name="architecture"/>'s programs cannot run natively on the engine's.</summary>
    private static bool NeedsEmulation(string architecture, string engineArchitecture) =>
        architecture != engineArchitecture && !(engineArchitecture == "amd64" && architecture == "386");

    /// <summary>The name QEMU and the kernel's registrations use for docker's architecture names.</summary>
    internal static string QemuName(string architecture) => architecture switch
    {
        "amd64" => "x86_64",
        "arm64" => "aarch64",
        "386" => "i386",
        "mips64le" => "mips64el",
        "loong64" => "loongarch64",
        _ => architecture,
    };

    /// <summary>An enabled entry for <paramref name="qemuName"/> (<c>qemu-aarch64</c>, as Debian and tonistiigi/binfmt register it), with emulation on.</summary>
    internal static bool HasInterpreter(string binfmtDirectory, string qemuName)
    {
        try
        {
            var status = Path.Combine(binfmtDirectory, "status");
            if (File.Exists(status) && File.ReadAllText(status).Trim() == "disabled")
                return false;
            return Directory.EnumerateFiles(binfmtDirectory)
                .Where(entry => Path.GetFileName(entry) is not ("register" or "status"))
                .Where(entry => Path.GetFileName(entry).EndsWith(qemuName, StringComparison.Ordinal)
                                || File.ReadLines(entry).Any(line => line.StartsWith("interpreter ", StringComparison.Ordinal) && line.Contains(qemuName, StringComparison.Ordinal)))
                .Any(entry => File.ReadLines(entry).FirstOrDefault() == "enabled");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false; // no binfmt_misc mounted, or unreadable: no interpreter to rely on
        }
    }
}
