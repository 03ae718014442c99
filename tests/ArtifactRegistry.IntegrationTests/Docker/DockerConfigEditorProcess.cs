using System.Text;
using CliWrap;

namespace ArtifactRegistry.IntegrationTests.Docker;

/// <summary>Runs the DockerConfigEditor test program as a separate process: another build editing the same docker config.</summary>
internal sealed class DockerConfigEditorProcess : IDisposable
{
    private static string Program => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestPrograms", "DockerConfigEditor.dll");

    private static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private readonly CancellationTokenSource _kill = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _error = new();
    private readonly CommandTask<CommandResult> _run;

    private DockerConfigEditorProcess(string configDirectory, string hostPrefix, string countOrForever)
    {
        _run = Cli.Wrap(DotNet)
            .WithArguments([Program, configDirectory, hostPrefix, countOrForever])
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => _firstLine.TrySetResult(line)))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(_error))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(_kill.Token);
    }

    public static DockerConfigEditorProcess Start(string configDirectory, string hostPrefix, string countOrForever) =>
        new(configDirectory, hostPrefix, countOrForever);

    /// <summary>The program's first line of output ("ready" once it is editing).</summary>
    public Task<string> FirstLineAsync() => _firstLine.Task;

    /// <summary>Waits for a successful exit; returns the error output.</summary>
    public async Task<string> WaitAsync(TimeSpan timeout)
    {
        CommandResult result;
        try
        {
            result = await _run.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await KillAsync();
            throw new TimeoutException($"DockerConfigEditor (PID {_run.ProcessId}) did not finish within {timeout}.");
        }
        Assert.That(result.ExitCode, Is.Zero, $"DockerConfigEditor failed: {_error}");
        return _error.ToString();
    }

    /// <summary>SIGKILL, as CliWrap's forceful cancellation sends it: no finally block, no cleanup.</summary>
    public async Task KillAsync()
    {
        await _kill.CancelAsync();
        await _run.Task.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        if (!_run.Task.IsCompleted)
            KillAsync().GetAwaiter().GetResult();
        _kill.Dispose();
    }
}
