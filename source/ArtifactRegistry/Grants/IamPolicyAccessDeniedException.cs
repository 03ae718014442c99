using ArtifactRegistry.Iam;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Grants;

/// <summary>
/// The principal may not read or change the repository's IAM policy, so the grant cannot be made with these credentials;
/// the message names the permission, the role that carries it, and the command an administrator can run instead.
/// </summary>
public sealed class IamPolicyAccessDeniedException : Exception
{
    internal IamPolicyAccessDeniedException(RepositoryName repository, GooglePrincipal principal, string permission, string grantCommand, Exception innerException)
        : base(Describe(repository, principal, permission, grantCommand), innerException)
    {
        Repository = repository;
        Principal = principal;
        Permission = permission;
        GrantCommand = grantCommand;
    }

    /// <summary>The repository whose IAM policy could not be read or changed.</summary>
    public RepositoryName Repository { get; }

    /// <summary>Who the credentials belong to.</summary>
    public GooglePrincipal Principal { get; }

    /// <summary><c>artifactregistry.repositories.getIamPolicy</c> or <c>…setIamPolicy</c>.</summary>
    public string Permission { get; }

    /// <summary>The grant as an administrator would make it with gcloud.</summary>
    public string GrantCommand { get; }

    private static string Describe(RepositoryName repository, GooglePrincipal principal, string permission, string grantCommand)
    {
        // A refused read is also how a missing repository looks; a refused write comes after a read that succeeded.
        var reading = permission == ArtifactRegistryPermissions.GetIamPolicy;
        return $"{Capitalized(principal.Description)} may not {(reading ? "read" : "change")} the IAM policy of repository {repository}: it lacks {permission}" +
               (reading ? $" (or the repository does not exist, which Artifact Registry answers alike; create it with {GcloudCommands.CreateDockerRepository(repository)}). " : ". ") +
               $"That permission comes with {ArtifactRegistryPermissions.AdminRole} on the repository or its project (or roles/owner), which a build's " +
               "account should not need: run the grant once with an administrator's credentials (gcloud auth application-default login, " +
               $"then the GrantReader step), or have an administrator run: {grantCommand}.";
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
