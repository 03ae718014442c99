using ArtifactRegistry.Iam;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Access;

/// <summary>The principal lacks permissions the build needs on a repository; the message gives the role and the grant command.</summary>
public sealed class ArtifactRegistryAccessDeniedException : Exception
{
    /// <param name="repositoryMayBeMissing">Nothing at all is held there, which is also how a missing repository looks: the message then gives the create command too.</param>
    public ArtifactRegistryAccessDeniedException(
        RepositoryName repository, GooglePrincipal principal, IReadOnlyList<string> missingPermissions, string purpose, bool repositoryMayBeMissing = false)
        : base(Describe(repository, principal, missingPermissions, purpose, repositoryMayBeMissing))
    {
        Repository = repository;
        Principal = principal;
        MissingPermissions = missingPermissions;
        Role = ArtifactRegistryPermissions.SmallestRoleFor(missingPermissions);
        GrantCommand = GcloudCommands.AddRepositoryIamBinding(repository, principal, Role);
    }

    /// <summary>The repository the permissions are missing on.</summary>
    public RepositoryName Repository { get; }

    /// <summary>Who the credentials belong to.</summary>
    public GooglePrincipal Principal { get; }

    /// <summary>The permissions the build needs and the principal lacks, e.g. <c>artifactregistry.repositories.uploadArtifacts</c>.</summary>
    public IReadOnlyList<string> MissingPermissions { get; }

    /// <summary>The smallest predefined role granting every missing permission.</summary>
    public string Role { get; }

    /// <summary>The gcloud command granting <see cref="Role"/> to the principal on the repository.</summary>
    public string GrantCommand { get; }

    private static string Describe(RepositoryName repository, GooglePrincipal principal, IReadOnlyList<string> missing, string purpose, bool mayBeMissing)
    {
        var missingRepository = mayBeMissing
            ? $" It holds no permission at all there, which is also how a repository that does not exist looks; if so, create it with: {GcloudCommands.CreateDockerRepository(repository)}."
            : "";
        var role = ArtifactRegistryPermissions.SmallestRoleFor(missing);
        var permissions = string.Join(", ", missing);
        var dockerSays = missing.Contains(ArtifactRegistryPermissions.UploadArtifacts)
            ? $" docker push would fail with: denied: Permission \"{ArtifactRegistryPermissions.UploadArtifacts}\" denied on resource \"{repository}\" (or it may not exist)."
            : "";
        return $"{Capitalize(principal.Description)} may not {purpose} repository {repository}: it lacks {permissions}.{dockerSays} " +
               $"The smallest role that grants {(missing.Count == 1 ? "it" : "them")} is {role}; grant it on this repository with: " +
               $"{GcloudCommands.AddRepositoryIamBinding(repository, principal, role)}.{missingRepository}{GcloudCommands.UnknownMemberHint(principal)}";
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
