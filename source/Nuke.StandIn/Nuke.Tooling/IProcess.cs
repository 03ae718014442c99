namespace Nuke.Common.Tooling;

/// <summary>A started process whose output is being collected and logged.</summary>
public interface IProcess : IDisposable
{
    string FileName { get; }

    /// <summary>The arguments, with secrets filtered.</summary>
    string Arguments { get; }

    string WorkingDirectory { get; }

    IReadOnlyCollection<Output> Output { get; }

    int ExitCode { get; }

    bool HasExited { get; }

    int Id { get; }

    void Kill();

    /// <summary>Waits for the exit; kills the process tree when the timeout passes first.</summary>
    /// <returns><c>true</c> when the process exited on its own.</returns>
    bool WaitForExit();
}
