using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Processes;

/// <summary>One run of a <see cref="ProcessCommand"/>, from locating the program to validating its exit code.</summary>
internal sealed class ProcessExecution(ProcessCommand command)
{
    private const int PermissionDenied = 13;
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

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
            throw new ProcessStartException(context, $"the working directory '{workingDirectory}' does not exist.");

        var input = OpenStandardInput(context);
        using var process = new Process { StartInfo = StartInfo(executable) };
        LogStart();
        var stopwatch = Stopwatch.StartNew();
        var startTime = DateTimeOffset.Now;
        Start(process, context, input);

        using var timeout = new CancellationTokenSource();
        if (command.Timeout is { } limit)
            timeout.CancelAfter(limit);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, _abort.Token);
        using var pumpsStop = new CancellationTokenSource();

        var gate = new object();
        var output = new OutputPump(process.StandardOutput, command.OutputLineHandler, command.BuffersOutput,
            command.Logger, command.HasSecretOutput ? LogLevel.None : command.OutputLogLevel, _redactor, gate);
        var error = new OutputPump(process.StandardError, command.ErrorLineHandler, command.BuffersOutput,
            command.Logger, command.ErrorLogLevel, _redactor, gate);
        var pumps = Task.WhenAll(output.RunAsync(Abort, pumpsStop.Token), error.RunAsync(Abort, pumpsStop.Token));
        var feeding = StandardInputFeeder.FeedAsync(process, input, command.StandardInput.OwnsOpenedStream, Abort, stop.Token);

        try
        {
            await Task.WhenAll(process.WaitForExitAsync(CancellationToken.None), pumps).WaitAsync(stop.Token);
            await feeding;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await StopAsync(process, pumps, pumpsStop);
            await feeding;
            _abortReason?.Throw();
            if (cancellationToken.IsCancellationRequested)
                throw new ProcessCanceledException(context, process.Id, stopwatch.Elapsed, cancellationToken);
            throw new ProcessTimeoutException(context, command.Timeout!.Value, process.Id, Redacted(error.Tail), ShownOutputTail(output));
        }
        finally
        {
            if (!process.HasExited)
                await StopAsync(process, pumps, pumpsStop);
        }

        var duration = stopwatch.Elapsed;
        command.Logger.LogDebug("Process '{Program}' ({ProcessId}) exited with code {ExitCode} after {Seconds:0.###} s",
            command.Program, process.Id, process.ExitCode, duration.TotalSeconds);
        if (command.Validation == ProcessValidation.ZeroExitCode && process.ExitCode != 0)
            throw new ProcessExitCodeException(context, process.ExitCode, process.Id, Redacted(error.Tail), ShownOutputTail(output));
        return new ProcessResult(process.ExitCode, output.Text, error.Text, process.Id, startTime, duration);
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

    private ProcessStartInfo StartInfo(string executable)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            WorkingDirectory = command.WorkingDirectory ?? "",
        };
        foreach (var argument in command.Arguments)
            startInfo.ArgumentList.Add(argument.Value);
        foreach (var variable in command.Environment)
        {
            if (variable.Value is null)
                startInfo.Environment.Remove(variable.Name);
            else
                startInfo.Environment[variable.Name] = variable.Value;
        }
        return startInfo;
    }

    private void LogStart()
    {
        // The environment overrides go to Trace: a docker config, a DOCKER_HOST and a local registry's dozen variables in front of
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

    private void Start(Process process, ProcessFailureContext context, Stream input)
    {
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            if (command.StandardInput.OwnsOpenedStream)
                input.Dispose();
            var advice = exception.NativeErrorCode == PermissionDenied && !OperatingSystem.IsWindows()
                ? $" Make it executable: `chmod +x {CommandLineText.Quote(process.StartInfo.FileName)}`."
                : "";
            throw new ProcessStartException(context, $"{exception.Message}.{advice}", exception);
        }
    }

    private void Abort(Exception reason)
    {
        Interlocked.CompareExchange(ref _abortReason, ExceptionDispatchInfo.Capture(reason), null);
        _abort.Cancel();
    }

    private async Task StopAsync(Process process, Task pumps, CancellationTokenSource pumpsStop)
    {
        await ProcessTreeTerminator.TerminateAsync(process, command.KillGracePeriod);
        pumpsStop.CancelAfter(DrainAfterKill);
        try
        {
            await Task.WhenAll(process.WaitForExitAsync(CancellationToken.None), pumps).WaitAsync(DrainAfterKill * 2);
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException)
        {
        }
    }

    private IReadOnlyList<string> Redacted(OutputTail tail) => tail.ToList().Select(_redactor.Redact).ToArray();

    private IReadOnlyList<string> ShownOutputTail(OutputPump output) => command.HasSecretOutput ? [] : Redacted(output.Tail);
}
