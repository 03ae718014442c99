namespace ArtifactRegistry.Processes;

/// <summary>What counts as failure of a finished program.</summary>
public enum ProcessValidation
{
    /// <summary>Any exit code is returned in the <see cref="ProcessResult"/>; the caller decides.</summary>
    None,

    /// <summary>A non-zero exit code throws <see cref="ProcessExitCodeException"/>.</summary>
    ZeroExitCode,
}
