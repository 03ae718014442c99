using System.Diagnostics;
using System.Text.RegularExpressions;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Benchmarks.Deploy;

/// <summary>
/// The seed script as a Cake user's <c>build.cake</c>: the packed addin loaded from a folder feed, <c>Deploy()</c> with the
/// deploy's arguments, the sandbox's environment file as the run's context, run by the real <c>dotnet cake</c> (cake.tool 7.0.0).
/// Cake's script cache is on, as a CI user who cares about start-up would set it: the first run compiles the script, later
/// runs load it.
/// </summary>
internal sealed partial class CakeScript
{
    private const string CakeVersion = "7.0.0";

    private readonly string _cake;
    private readonly string _script;
    private readonly string _emptyScript;
    private readonly string _addinOnlyScript;

    private CakeScript(string cake, string script, string emptyScript, string addinOnlyScript) =>
        (_cake, _script, _emptyScript, _addinOnlyScript) = (cake, script, emptyScript, addinOnlyScript);

    public static async Task<CakeScript> PrepareAsync(string root, string work, string envFile, CancellationToken cancellationToken)
    {
        var feed = Path.Combine(work, "cake-feed");
        (await ExternalProgram.RunAsync("dotnet", ["pack", Path.Combine(root, "source", "ArtifactRegistry.Cake", "ArtifactRegistry.Cake.csproj"),
            "--configuration", "Release", "--output", feed, "-nodeReuse:false"], Quiet, timeout: TimeSpan.FromMinutes(10), cancellationToken: cancellationToken)).EnsureSuccess();
        var tools = Path.Combine(work, "cake-tool");
        (await ExternalProgram.RunAsync("dotnet", ["tool", "install", "cake.tool", "--version", CakeVersion, "--tool-path", tools],
            Quiet, timeout: TimeSpan.FromMinutes(5), cancellationToken: cancellationToken)).EnsureSuccess();
        var script = Path.Combine(work, "cake", "build.cake");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        await File.WriteAllTextAsync(script, $$"""
            #addin nuget:file://{{feed}}?package=ArtifactRegistry.Cake&version=0.1.0

            ConfigureArtifactRegistry(context => context.SetEnvironmentFile(@"{{envFile}}"));

            Task("Deploy").Does(() => Deploy());

            RunTarget("Deploy");
            """, cancellationToken);
        // Cake's own floor: the same tool and cache setting with a script that loads no addin and does nothing.
        var emptyScript = Path.Combine(work, "cake-empty", "build.cake");
        Directory.CreateDirectory(Path.GetDirectoryName(emptyScript)!);
        await File.WriteAllTextAsync(emptyScript, """
            Task("Default").Does(() => { });

            RunTarget("Default");
            """, cancellationToken);
        // The empty task with the addin's #addin line and no alias called: what Cake's resolution of the addin package adds to its floor.
        var addinOnlyScript = Path.Combine(work, "cake-addin-only", "build.cake");
        Directory.CreateDirectory(Path.GetDirectoryName(addinOnlyScript)!);
        await File.WriteAllTextAsync(addinOnlyScript, $$"""
            #addin nuget:file://{{feed}}?package=ArtifactRegistry.Cake&version=0.1.0

            Task("Default").Does(() => { });

            RunTarget("Default");
            """, cancellationToken);
        var cake = new CakeScript(Path.Combine(tools, "dotnet-cake"), script, emptyScript, addinOnlyScript);
        await cake.RunEmptyAsync(withAddin: true, cancellationToken); // installs the addin next to that script, as any first run does
        return cake;
    }

    /// <summary>One cold <c>dotnet cake</c> process: its wall time, and what Deploy's summary says of the operation.</summary>
    public async Task<(TimeSpan Wall, string Output)> RunAsync(string image, string source, PrivateDockerd engine, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = (await ExternalProgram.RunAsync(_cake,
            [_script, "--image=" + image, "--docker-context=" + source, "--workloads=deployment/sample-api", "--kube-namespace=sample-namespace",
             // As the repository's --use-sandbox build does: the sandbox's key file logs docker in; gcloud's helper would refuse its hosts.
             "--docker-auth-mode=AccessToken"],
            new Dictionary<string, string>(Quiet) { ["DOCKER_HOST"] = engine.DockerHost, ["CAKE_SETTINGS_ENABLESCRIPTCACHE"] = "true" },
            timeout: TimeSpan.FromMinutes(5), cancellationToken: cancellationToken)).EnsureSuccess();
        return (stopwatch.Elapsed, AnsiEscape().Replace(result.StandardOutput, ""));
    }

    /// <summary>
    /// One cold <c>dotnet cake</c> process running the empty script: what any Cake script pays before its first alias; with
    /// <paramref name="withAddin"/>, the same script with this addin's <c>#addin</c> line.
    /// </summary>
    public async Task<TimeSpan> RunEmptyAsync(bool withAddin, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        (await ExternalProgram.RunAsync(_cake, [withAddin ? _addinOnlyScript : _emptyScript], new Dictionary<string, string>(Quiet) { ["CAKE_SETTINGS_ENABLESCRIPTCACHE"] = "true" },
            timeout: TimeSpan.FromMinutes(5), cancellationToken: cancellationToken)).EnsureSuccess();
        return stopwatch.Elapsed;
    }

    private static Dictionary<string, string> Quiet => new() { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiEscape();
}
