using System.Diagnostics;
using System.Text;
using ArtifactRegistry.Processes;
using CliWrap;

namespace ArtifactRegistry.Testing.Processes;

/// <summary>
/// Runs a program to completion through CliWrap with arguments passed one by one (no shell), standard input written then
/// closed so that nothing can wait for a prompt, and a timeout that kills the whole process tree.
/// </summary>
internal static class ChildProcess
{
    public static async Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        ChildEnvironment environment,
        string? standardInput,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        string? workingDirectory = null)
    {
        var argumentList = arguments.ToList();
        var commandLine = Describe(program, argumentList);
        var output = new StringBuilder();
        var error = new StringBuilder();
        var command = Cli.Wrap(program)
            .WithArguments(argumentList)
            .WithEnvironmentVariables(environment.Overrides())
            .WithWorkingDirectory(workingDirectory ?? Environment.CurrentDirectory)
            .WithStandardInputPipe(standardInput is null ? PipeSource.Null : PipeSource.FromString(standardInput, Encoding.UTF8))
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output, Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(error, Encoding.UTF8))
            .WithValidation(CommandResultValidation.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = await command.ExecuteAsync(deadline.Token);
            return new CommandResult(commandLine, result.ExitCode, output.ToString(), error.ToString(), stopwatch.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // CliWrap has killed the tree and stopped reading, so the output so far is complete.
            throw new TimeoutException(
                $"`{commandLine}` did not finish within {timeout.TotalSeconds:0.#} s and was killed.{Environment.NewLine}" +
                $"stderr so far:{Environment.NewLine}{OutputTail.Of(error.ToString())}{Environment.NewLine}" +
                $"stdout so far:{Environment.NewLine}{OutputTail.Of(output.ToString())}");
        }
    }

    private static string Describe(string program, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { Path.GetFileName(program) }.Concat(arguments.Select(CommandLineText.Quote)));
}
