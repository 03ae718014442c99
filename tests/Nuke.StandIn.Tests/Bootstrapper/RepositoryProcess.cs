using System.Text;
using CliWrap;

namespace Nuke.StandIn.Tests.Bootstrapper;

/// <summary>Runs a command in this repository's root as a real process and stops it (by PID, with its children) on timeout.</summary>
internal static class RepositoryProcess
{
    public static string RootDirectory
    {
        get
        {
            for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory != null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "build.sh")) && Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                    return directory.FullName;
            }

            throw new InvalidOperationException("The repository root (with build.sh and .nuke/) is not above the test directory.");
        }
    }

    public static (int ExitCode, string StandardOutput, string StandardError) Run(string fileName, params string[] arguments)
    {
        var output = new StringBuilder();
        var error = new StringBuilder();
        var command = Cli.Wrap(fileName)
            .WithArguments(arguments)
            .WithWorkingDirectory(RootDirectory)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(error))
            .WithValidation(CommandResultValidation.None);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            var result = command.ExecuteAsync(timeout.Token).GetAwaiter().GetResult();
            return (result.ExitCode, output.ToString(), error.ToString());
        }
        catch (OperationCanceledException)
        {
            // CliWrap has killed the process with its children and stopped reading: the output so far is complete.
            Assert.Fail($"'{fileName} {string.Join(" ", arguments)}' did not finish within 8 minutes and was killed.{Environment.NewLine}{output}{error}");
            throw;
        }
    }
}
