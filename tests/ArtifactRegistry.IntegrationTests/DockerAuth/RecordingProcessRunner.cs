using System.Collections.Concurrent;
using ArtifactRegistry.Processes;

namespace ArtifactRegistry.IntegrationTests.DockerAuth;

/// <summary>Runs commands for real and records each (program, argv, shown command line, output) so tests can count them and scan them for secrets.</summary>
internal sealed class RecordingProcessRunner : IProcessRunner
{
    public ConcurrentQueue<(ProcessCommand Command, ProcessResult? Result)> Runs { get; } = new();

    public async Task<ProcessResult> ExecuteAsync(ProcessCommand command, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await ProcessRunner.Default.ExecuteAsync(command, cancellationToken);
            Runs.Enqueue((command, result));
            return result;
        }
        catch
        {
            Runs.Enqueue((command, null));
            throw;
        }
    }

    public int Count => Runs.Count;

    /// <summary>The argv of each <c>docker VERB …</c> that ran, joined by spaces.</summary>
    public List<string> DockerRuns(string verb) => Runs
        .Where(run => Path.GetFileName(run.Command.Program) == "docker" && run.Command.Arguments.FirstOrDefault()?.Value == verb)
        .Select(run => string.Join(' ', run.Command.Arguments.Select(argument => argument.Value)))
        .ToList();

    /// <summary>Everything about the runs that could end up in a log or a terminal: argv, the shown command line, stderr.</summary>
    public string Visible => string.Join("\n", Runs.Select(run =>
        string.Join(' ', run.Command.Arguments.Select(a => a.Value)) + "\n" + run.Command + "\n" + run.Result?.StandardError));
}
