using ArtifactRegistry.References;

namespace ArtifactRegistry.Grants;

/// <summary>The repository's IAM policy changed between every read and write (ABORTED each time): something else keeps editing it.</summary>
public sealed class IamPolicyConflictException : Exception
{
    internal IamPolicyConflictException(RepositoryName repository, int attempts, Exception innerException)
        : base($"The IAM policy of repository {repository} changed under every one of {attempts} read-modify-write attempts (setIamPolicy answered ABORTED: " +
               "its etag was stale each time), so the grant was not made. Another tool (Terraform, a second build, an administrator) is editing it right now: " +
               "run the grant again once that has finished.", innerException)
    {
        Repository = repository;
        Attempts = attempts;
    }

    /// <summary>The repository whose IAM policy kept changing.</summary>
    public RepositoryName Repository { get; }

    /// <summary>How many read-modify-write rounds were tried.</summary>
    public int Attempts { get; }
}
