namespace ArtifactRegistry.Processes;

/// <summary>Runs commands; the seam through which the docker, gcloud and kubectl adapters reach the operating system.</summary>
public interface IProcessRunner
{
    Task<ProcessResult> ExecuteAsync(ProcessCommand command, CancellationToken cancellationToken = default);
}
