using CliWrap;
using CliWrap.Buffered;

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
        var inheritedNames = Environment.GetEnvironmentVariables().Keys.Cast<string>();
        var build = Cli.Wrap(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            .WithArguments([Path.Combine(TestContext.CurrentContext.TestDirectory, "TestPrograms", program + ".dll"), .. arguments])
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(variables => variables
                .Set(inheritedNames.Where(name => !inherited(name)).Select(name => new KeyValuePair<string, string?>(name, null)))
                .Set(environment.Select(variable => new KeyValuePair<string, string?>(variable.Key, variable.Value))))
            .WithValidation(CommandResultValidation.None);

        // The timeout kills the build with its child processes (CliWrap's forceful cancellation).
        using var timeout = new CancellationTokenSource(Timeout);
        var result = await build.ExecuteBufferedAsync(timeout.Token);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }
}
