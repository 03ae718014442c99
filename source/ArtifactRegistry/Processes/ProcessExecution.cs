using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using CliWrap;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Processes;

/// <summary>
/// One run of a <see cref="ProcessCommand"/>: CliWrap starts the program and pipes its streams; around it, this finds the
/// program, logs the command line, stops the whole tree on timeout or cancellation and turns every failure into a message
/// without secrets. CliWrap's own <see cref="CliWrap.Command"/> and exceptions print raw arguments, so none of them leaves here.
/// </summary>
internal sealed class ProcessExecution(ProcessCommand command)
{
    private const int PermissionDenied = 13;

    // After a kill, a descendant that escaped the tree (a daemon) may still hold the output pipes open.
    private static readonly TimeSpan DrainAfterKill = TimeSpan.FromSeconds(2);

    private readonly SecretRedactor _redactor = SecretRedactor.For(command);
    private readonly CancellationTokenSource _abort = new();
    private ExceptionDispatchInfo? _abortReason;

    public async Task<ProcessResult> RunAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var workingDirectory = command.WorkingDirectory ?? Environment.CurrentDirectory;
        var searchPath = SearchPath();
        var executable = ProgramLocator.Locate(command.Program, searchPath);
        if (executable is null)
            throw new ProgramNotFoundException(Context(command.Program, workingDirectory), searchPath);

        var context = Context(executable, workingDirectory);
        if (!Directory.Exists(workingDirectory))
            throw new ProcessStartException(context, $"the working directory '{_redactor.Redact(workingDirectory)}' does not exist.");

        var gate = new object();
        var output = new OutputLineSink(command.OutputLineHandler, command.BuffersOutput,
            command.Logger, command.HasSecretOutput ? LogLevel.None : command.OutputLogLevel, _redactor, gate, Abort);
        var error = new OutputLineSink(command.ErrorLineHandler, command.BuffersOutput,
            command.Logger, command.ErrorLogLevel, _redactor, gate, Abort);

        var input = OpenStandardInput(context);
        try
        {
            var program = Cli.Wrap(executable)
                .WithArguments(command.Arguments.Select(argument => argument.Value))
                .WithWorkingDirectory(workingDirectory)
                .WithEnvironmentVariables(variables =>
                {
                    foreach (var variable in command.Environment)
                        variables.Set(variable.Name, variable.Value);
                })
                .WithStandardInputPipe(PipeSource.FromStream(input))
                .WithStandardOutputPipe(output.Target)
                .WithStandardErrorPipe(error.Target)
                // Validation stays here: CliWrap's CommandExecutionException would print the raw arguments.
                .WithValidation(CommandResultValidation.None);

            using var timeout = new CancellationTokenSource();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, _abort.Token);
            using var graceful = new CancellationTokenSource();
            using var forceful = new CancellationTokenSource();
            LogStart();
            var stopwatch = Stopwatch.StartNew();
            var running = Start(program, executable, context, forceful.Token, graceful.Token);
            if (command.Timeout is { } limit)
                timeout.CancelAfter(limit);

            CommandResult result;
            try
            {
                result = await running.Task.WaitAsync(stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                await StopAsync(running, graceful, forceful);
                _abortReason?.Throw();
                if (cancellationToken.IsCancellationRequested)
                    throw new ProcessCanceledException(context, running.ProcessId, stopwatch.Elapsed, cancellationToken);
                throw new ProcessTimeoutException(context, command.Timeout!.Value, running.ProcessId, Redacted(error.Tail), ShownOutputTail(output));
            }

            command.Logger.LogDebug("Process '{Program}' ({ProcessId}) exited with code {ExitCode} after {Seconds:0.###} s",
                command.Program, running.ProcessId, result.ExitCode, result.RunTime.TotalSeconds);
            if (command.Validation == ProcessValidation.ZeroExitCode && result.ExitCode != 0)
                throw new ProcessExitCodeException(context, result.ExitCode, running.ProcessId, Redacted(error.Tail), ShownOutputTail(output));
            return new ProcessResult(result.ExitCode, output.Text, error.Text, running.ProcessId, result.StartTime, result.RunTime);
        }
        finally
        {
            if (command.StandardInput.OwnsOpenedStream)
                await input.DisposeAsync();
        }
    }

    private string? SearchPath()
    {
        var pathOverride = command.Environment.LastOrDefault(variable =>
            string.Equals(variable.Name, "PATH", OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
        return pathOverride is null ? Environment.GetEnvironmentVariable("PATH") : pathOverride.Value;
    }

    private ProcessFailureContext Context(string executable, string workingDirectory)
    {
        var commandLine = string.Join(' ', new[] { CommandLineText.Quote(executable), command.ArgumentsText() }.Where(part => part.Length > 0));
        return new ProcessFailureContext(command.Program, _redactor.Redact(commandLine), _redactor.Redact(workingDirectory));
    }

    private void LogStart()
    {
        // The environment overrides go to Trace: a docker config, a DOCKER_HOST and a dozen endpoint variables in front of
        // every docker command made each of them a kilobyte-long line that buried the build's one line per step.
        var commandLine = command.ToStringWithoutEnvironment();
        if (command.WorkingDirectory is null)
            command.Logger.LogInformation("> {CommandLine}", commandLine);
        else
            command.Logger.LogInformation("> {CommandLine} (in {WorkingDirectory})", commandLine, _redactor.Redact(command.WorkingDirectory));
        if (command.Environment.Count > 0)
            command.Logger.LogTrace("  environment: {Overrides}", command.EnvironmentText());
    }

    private Stream OpenStandardInput(ProcessFailureContext context)
    {
        try
        {
            return command.StandardInput.Open();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ProcessStartException(context, $"its standard input {command.StandardInput} cannot be opened: {exception.Message}", exception);
        }
    }

    private CommandTask<CommandResult> Start(CliWrap.Command program, string executable, ProcessFailureContext context, CancellationToken forceful, CancellationToken graceful)
    {
        try
        {
            return program.ExecuteAsync(forceful, graceful);
        }
        catch (Win32Exception exception)
        {
            // CliWrap wraps the operating system's error (with the executable's path, never the arguments) in one of its own.
            var cause = exception.InnerException as Win32Exception ?? exception;
            var advice = cause.NativeErrorCode == PermissionDenied && !OperatingSystem.IsWindows()
                ? $" Make it executable: `chmod +x {CommandLineText.Quote(executable)}`."
                : "";
            throw new ProcessStartException(context, $"{_redactor.Redact(cause.Message)}.{advice}", cause);
        }
        catch (InvalidOperationException exception)
        {
            throw new ProcessStartException(context, _redactor.Redact(exception.Message));
        }
    }

    private void Abort(Exception reason)
    {
        Interlocked.CompareExchange(ref _abortReason, ExceptionDispatchInfo.Capture(reason), null);
        _abort.Cancel();
    }

    /// <summary>
    /// Where Linux shows the process tree, the whole tree gets SIGTERM, then SIGKILL after the grace period; elsewhere CliWrap's
    /// graceful stop (SIGINT, or Ctrl+C on Windows) comes first. Then CliWrap's forceful stop kills whatever is left and stops
    /// reading pipes that an escaped daemon still holds, so the run always ends.
    /// </summary>
    private async Task StopAsync(CommandTask<CommandResult> running, CancellationTokenSource graceful, CancellationTokenSource forceful)
    {
        if (ProcessTreeTerminator.IsAvailable)
        {
            await ProcessTreeTerminator.TerminateAsync(running.ProcessId, command.KillGracePeriod);
        }
        else
        {
            await graceful.CancelAsync();
            await Quietly(running.Task.WaitAsync(command.KillGracePeriod));
        }

        forceful.CancelAfter(DrainAfterKill);
        await Quietly(running.Task);
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // The program was stopped: how its run ended is reported by the caller, not by CliWrap's exception.
        }
    }

    private IReadOnlyList<string> Redacted(OutputTail tail) => tail.ToList().Select(_redactor.Redact).ToArray();

    private IReadOnlyList<string> ShownOutputTail(OutputLineSink output) => command.HasSecretOutput ? [] : Redacted(output.Tail);
}
