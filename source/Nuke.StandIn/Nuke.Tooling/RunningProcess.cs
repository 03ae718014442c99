using System.Diagnostics;

namespace Nuke.Common.Tooling;

/// <summary>A <see cref="Process"/> whose lines are collected as they arrive and forwarded to a logger.</summary>
internal sealed class RunningProcess : IProcess
{
    private readonly Process _process;
    private readonly int? _timeout;
    private readonly List<Output> _output = new();

    public RunningProcess(Process process, Func<string, string> outputFilter, int? timeout, Action<OutputType, string>? logger)
    {
        _process = process;
        _timeout = timeout;
        FileName = process.StartInfo.FileName;
        Arguments = outputFilter(process.StartInfo.Arguments);
        WorkingDirectory = process.StartInfo.WorkingDirectory;

        void OnLine(OutputType type, string? line)
        {
            if (line == null)
                return;

            lock (_output)
                _output.Add(new Output { Type = type, Text = line });
            logger?.Invoke(type, outputFilter(line));
        }

        process.OutputDataReceived += (_, e) => OnLine(OutputType.Std, e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(OutputType.Err, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string FileName { get; }

    public string Arguments { get; }

    public string WorkingDirectory { get; }

    public IReadOnlyCollection<Output> Output
    {
        get
        {
            lock (_output)
                return _output.ToList();
        }
    }

    public int ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public void Kill() => _process.Kill(entireProcessTree: true);

    public bool WaitForExit()
    {
        var exitedInTime = _process.WaitForExit(_timeout ?? Timeout.Infinite);
        if (!exitedInTime)
            Kill();

        // The parameterless overload also waits until the redirected streams are drained.
        _process.WaitForExit();
        return exitedInTime;
    }

    public void Dispose() => _process.Dispose();
}
