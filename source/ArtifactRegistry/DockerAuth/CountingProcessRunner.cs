using ArtifactRegistry.Processes;

namespace ArtifactRegistry.DockerAuth;

/// <summary>Counts the processes started through it, so an operation can report (and tests can prove) a warm path starts none.</summary>
internal sealed class CountingProcessRunner(IProcessRunner inner) : IProcessRunner
{
    private int _count;

    public int Count => _count;

    public Task<ProcessResult> ExecuteAsync(ProcessCommand command, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return inner.ExecuteAsync(command, cancellationToken);
    }
}
