namespace ArtifactRegistry.Iam;

/// <summary>
/// The predefined roles that include <c>artifactregistry.repositories.downloadArtifacts</c>, the permission a pull needs:
/// Artifact Registry's four (they nest) and the basic roles. A custom role may include it too; only IAM can tell.
/// </summary>
internal static class PullRoles
{
    public static readonly IReadOnlyList<string> ArtifactRegistryRoles =
    [
        ArtifactRegistryPermissions.ReaderRole, ArtifactRegistryPermissions.WriterRole,
        ArtifactRegistryPermissions.RepoAdminRole, ArtifactRegistryPermissions.AdminRole,
    ];

    public static readonly IReadOnlyList<string> BasicRoles = ["roles/owner", "roles/editor", "roles/viewer"];

    /// <summary>Whether the predefined <paramref name="role"/> lets its members pull.</summary>
    public static bool Grants(string role) => ArtifactRegistryRoles.Contains(role) || BasicRoles.Contains(role);

    /// <summary>A project's or organization's own role (<c>projects/P/roles/R</c>, <c>organizations/O/roles/R</c>), whose permissions IAM alone knows.</summary>
    public static bool IsCustom(string role) => !role.StartsWith("roles/", StringComparison.Ordinal);
}
