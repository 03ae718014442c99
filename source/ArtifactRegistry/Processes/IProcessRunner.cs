namespace ArtifactRegistry.Processes;

/// <summary>Runs commands; the seam through which the docker, gcloud and kubectl adapters reach the operating system.</summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="command"/> and returns how it ended; see <see cref="ProcessRunner.ExecuteAsync"/> for the exceptions.</summary>
    Task<ProcessResult> ExecuteAsync(ProcessCommand command, CancellationToken cancellationToken = default);
}
