using System.Text.RegularExpressions;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Testing.Docker;

/// <summary>
/// Finds the docker CLIs on PATH by what they can build with: one with built-in BuildKit (CLI 18.09 to 20.10, e.g. Debian's
/// docker.io 20.10, enabled by <c>DOCKER_BUILDKIT=1</c>), and the first one, which on a machine without buildx builds with the
/// legacy builder only.
/// </summary>
public static partial class BuildKitDockerCli
{
    /// <summary>The full path of a docker CLI on PATH with built-in BuildKit, or fails (CI) / ignores the test.</summary>
    public static async Task<string> RequireAsync()
    {
        var seen = new List<string>();
        foreach (var candidate in DockersOnPath())
        {
            var version = await ClientVersionAsync(candidate);
            seen.Add($"{candidate} {version}");
            if (Version().Match(version) is { Success: true } match
                && int.Parse(match.Groups[1].Value) is var major and < 23
                && (major > 18 || int.Parse(match.Groups[2].Value) >= 9))
                return candidate;
        }
        Prerequisites.Missing(
            $"No docker CLI with built-in BuildKit (18.09 to 20.10) is on PATH (found: {(seen.Count == 0 ? "none" : string.Join(", ", seen))}). " +
            "Debian's docker.io package installs one (docker 20.10); .ci/install installs it: run `bash .ci/install` as root.",
            Prerequisites.InContinuousIntegration);
        return ""; // not reached
    }

    /// <summary>The client version a docker CLI reports, read without an engine.</summary>
    public static async Task<string> ClientVersionAsync(string docker)
    {
        using var config = TempDirectory.Create("ard-cfg-");
        var result = await ChildProcess.RunAsync(docker, ["version", "--format", "{{.Client.Version}}"],
            ChildEnvironment.Inherited.Scrub("DOCKER_").Set("DOCKER_CONFIG", config.Path), null, TimeSpan.FromSeconds(30), CancellationToken.None);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
    }

    private static IEnumerable<string> DockersOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "docker"))
            .Where(File.Exists)
            .Select(path => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path))
            .Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"^(\d+)\.(\d+)")]
    private static partial Regex Version();
}
