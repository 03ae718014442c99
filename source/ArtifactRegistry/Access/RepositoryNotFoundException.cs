using ArtifactRegistry.Iam;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Access;

/// <summary>
/// A repository the build needs was not found, or is invisible to the principal: Artifact Registry answers both alike,
/// so the message gives the fix for each.
/// </summary>
public sealed class RepositoryNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="repository"/>; <paramref name="role"/> is what the grant command grants, <paramref name="creationProblem"/> why creating it failed, if that was tried.</summary>
    public RepositoryNotFoundException(RepositoryName repository, GooglePrincipal principal, string role, string? creationProblem = null)
        : base(Describe(repository, principal, role, creationProblem))
    {
        Repository = repository;
        Principal = principal;
        CreateCommand = GcloudCommands.CreateDockerRepository(repository);
        GrantCommand = GcloudCommands.AddRepositoryIamBinding(repository, principal, role);
    }

    /// <summary>The repository not found.</summary>
    public RepositoryName Repository { get; }

    /// <summary>Who the credentials belong to.</summary>
    public GooglePrincipal Principal { get; }

    /// <summary>The gcloud command that creates the repository (DOCKER format).</summary>
    public string CreateCommand { get; }

    /// <summary>The gcloud command that grants the principal access, should the repository exist.</summary>
    public string GrantCommand { get; }

    private static string Describe(RepositoryName repository, GooglePrincipal principal, string role, string? creationProblem)
    {
        var creation = creationProblem is null
            ? $" or set CreateRepositoryIfMissing (the principal then needs {ArtifactRegistryPermissions.CreateRepository}, granted by {ArtifactRegistryPermissions.AdminRole} on the project)."
            : $" Creating it was attempted and failed: {creationProblem}";
        return $"Repository {repository} (docker path {repository.DockerPath}) does not exist, " +
               $"or {principal.Description} is not allowed to see it: Artifact Registry answers both the same way. " +
               $"If it does not exist, create it with: {GcloudCommands.CreateDockerRepository(repository)};{creation} " +
               $"If it exists, grant access with: {GcloudCommands.AddRepositoryIamBinding(repository, principal, role)}.{GcloudCommands.UnknownMemberHint(principal)}";
    }
}
