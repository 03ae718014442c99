using System.Diagnostics;
using System.Text;

namespace ArtifactRegistry.Testing.Processes;

/// <summary>
/// Runs a program to completion with arguments passed one by one (no shell, no quoting), standard input written
/// then closed so that nothing can wait for a prompt, and a timeout that kills the whole process tree.
/// </summary>
internal static class ChildProcess
{
    private static readonly TimeSpan StreamDrainLimit = TimeSpan.FromSeconds(5);

    public static async Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        ChildEnvironment environment,
        string? standardInput,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        environment.ApplyTo(startInfo.Environment);

        var commandLine = Describe(program, startInfo.ArgumentList);
        using var process = new Process { StartInfo = startInfo };
        var stopwatch = Stopwatch.StartNew();
        process.Start();

        var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var standardError = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await FeedAndCloseInputAsync(process, standardInput);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            var partialOutput = await DrainAsync(standardOutput);
            var partialError = await DrainAsync(standardError);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"`{commandLine}` did not finish within {timeout.TotalSeconds:0.#} s and was killed.{Environment.NewLine}" +
                $"stderr so far:{Environment.NewLine}{OutputTail.Of(partialError)}{Environment.NewLine}" +
                $"stdout so far:{Environment.NewLine}{OutputTail.Of(partialOutput)}");
        }

        // A grandchild that outlives the program may keep the pipes open; do not wait for it forever.
        var output = await DrainAsync(standardOutput);
        var error = await DrainAsync(standardError);
        return new CommandResult(commandLine, process.ExitCode, output, error, stopwatch.Elapsed);
    }

    public static string Describe(string program, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { Path.GetFileName(program) }.Concat(arguments.Select(Quote)));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@,+%^".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";

    private static async Task FeedAndCloseInputAsync(Process process, string? standardInput)
    {
        try
        {
            if (standardInput is not null)
                await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited or closed its input before reading all of it; its exit code tells the story.
        }
    }

    private static async Task<string> DrainAsync(Task<string> reading)
    {
        var finished = await Task.WhenAny(reading, Task.Delay(StreamDrainLimit));
        return finished == reading ? await reading : "";
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
