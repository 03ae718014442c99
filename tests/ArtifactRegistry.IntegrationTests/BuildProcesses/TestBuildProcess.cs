using System.Diagnostics;

namespace ArtifactRegistry.IntegrationTests.BuildProcesses;

/// <summary>
/// Runs one of the test programs that are NUKE builds (a user's build in miniature) as a real process, so targets, parameters,
/// the log and the exit code are seen as a user of ./build.sh sees them.
/// </summary>
internal static class TestBuildProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <c>TestPrograms/<paramref name="program"/>.dll</c> in <paramref name="workingDirectory"/> with the machine's environment
    /// less the variables <paramref name="inherited"/> rejects, plus <paramref name="environment"/>; returns the exit code and all output.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string program,
        string workingDirectory,
        Func<string, bool> inherited,
        IEnumerable<KeyValuePair<string, string>> environment,
        IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestPrograms", program + ".dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(name => !inherited(name)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output + await error);
    }
}
