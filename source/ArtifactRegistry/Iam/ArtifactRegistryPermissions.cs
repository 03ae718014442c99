namespace ArtifactRegistry.Iam;

/// <summary>The Artifact Registry IAM permissions the build's steps need, and the smallest predefined role granting each.</summary>
internal static class ArtifactRegistryPermissions
{
    public const string GetRepository = "artifactregistry.repositories.get";
    public const string CreateRepository = "artifactregistry.repositories.create";
    public const string DownloadArtifacts = "artifactregistry.repositories.downloadArtifacts";
    public const string UploadArtifacts = "artifactregistry.repositories.uploadArtifacts";
    public const string DeleteArtifacts = "artifactregistry.repositories.deleteArtifacts";
    public const string GetTag = "artifactregistry.tags.get";
    public const string CreateTag = "artifactregistry.tags.create";
    public const string UpdateTag = "artifactregistry.tags.update";
    public const string DeleteTag = "artifactregistry.tags.delete";
    public const string DeleteVersion = "artifactregistry.versions.delete";
    public const string GetIamPolicy = "artifactregistry.repositories.getIamPolicy";
    public const string SetIamPolicy = "artifactregistry.repositories.setIamPolicy";
    public const string GetProjectIamPolicy = "resourcemanager.projects.getIamPolicy";

    public const string ReaderRole = "roles/artifactregistry.reader";
    public const string WriterRole = "roles/artifactregistry.writer";
    public const string RepoAdminRole = "roles/artifactregistry.repoAdmin";
    public const string AdminRole = "roles/artifactregistry.admin";

    private static readonly string[] RolesBySize = [ReaderRole, WriterRole, RepoAdminRole, AdminRole];

    /// <summary>The smallest predefined role that includes <paramref name="permission"/>.</summary>
    public static string SmallestRoleFor(string permission) => permission switch
    {
        GetRepository or DownloadArtifacts or GetTag or "artifactregistry.repositories.list" or "artifactregistry.packages.get"
            or "artifactregistry.packages.list" or "artifactregistry.versions.get" or "artifactregistry.versions.list"
            or "artifactregistry.tags.list" or "artifactregistry.dockerimages.get" or "artifactregistry.dockerimages.list" => ReaderRole,
        UploadArtifacts or CreateTag or UpdateTag => WriterRole,
        DeleteArtifacts or DeleteTag or DeleteVersion or "artifactregistry.packages.delete" => RepoAdminRole,
        _ => AdminRole,
    };

    /// <summary>The smallest predefined role that includes every one of <paramref name="permissions"/> (the roles nest).</summary>
    public static string SmallestRoleFor(IEnumerable<string> permissions) =>
        permissions.Select(SmallestRoleFor).DefaultIfEmpty(ReaderRole).MaxBy(role => Array.IndexOf(RolesBySize, role))!;
}
