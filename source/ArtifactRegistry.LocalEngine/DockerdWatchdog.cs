using System.Globalization;
using CliWrap;

namespace ArtifactRegistry.LocalEngine;

/// <summary>
/// A tiny shell process that stops a private dockerd if the process that started it dies without stopping it (a test host is
/// killed 100 ms after a run ends, a build on Ctrl+C). A normal stop kills the watchdog first. A data root kept outside the
/// runtime directory is unmounted but never deleted.
/// </summary>
/// <remarks>The directory is passed in the environment, not on the command line, so that scanning command lines for it
/// finds the engine's processes and never the watchdog or the tools it runs.</remarks>
internal static class DockerdWatchdog
{
    private const string Script = """
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$ARD_OWNER" 2>/dev/null; do sleep 1; done
        kill -TERM "$ARD_DOCKERD" 2>/dev/null
        i=0
        while kill -0 "$ARD_DOCKERD" 2>/dev/null && [ "$i" -lt 150 ]; do sleep 0.1; i=$((i+1)); done
        kill -KILL "$ARD_DOCKERD" 2>/dev/null
        for entry in /proc/[0-9]*; do
          pid=${entry#/proc/}
          [ "$pid" = "$$" ] && continue
          case "$(tr '\0' ' ' < "$entry/cmdline" 2>/dev/null)" in
            *"$ARD_DIR/"*) kill -KILL "$pid" 2>/dev/null ;;
          esac
        done
        sleep 0.5
        for dir in "$ARD_DIR" "$ARD_DATA"; do
          [ -n "$dir" ] && grep -F " $dir/" /proc/self/mountinfo | cut -d' ' -f5 | sort -r | while read -r mountpoint; do umount -l "$mountpoint"; done
        done
        rm -rf "$ARD_DIR"
        """;

    public static CommandTask<CommandResult> Start(int ownerProcessId, int dockerdProcessId, string directory, string? keptDataRoot) =>
        Cli.Wrap("/bin/sh")
            .WithArguments(["-c", Script])
            .WithEnvironmentVariables(variables => variables
                .Set("ARD_OWNER", ownerProcessId.ToString(CultureInfo.InvariantCulture))
                .Set("ARD_DOCKERD", dockerdProcessId.ToString(CultureInfo.InvariantCulture))
                .Set("ARD_DIR", directory)
                .Set("ARD_DATA", keptDataRoot ?? ""))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(CancellationToken.None);
}
