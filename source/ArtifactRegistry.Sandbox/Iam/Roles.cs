using System.Collections.Frozen;
using static ArtifactRegistry.Sandbox.Iam.Permissions;

namespace ArtifactRegistry.Sandbox.Iam;

/// <summary>
/// The predefined roles the sandbox knows, mapped to the Artifact Registry permissions that matter for Docker repositories.
/// Google's real roles carry more permissions (attachments, files, other formats); the subset here is the one the sandbox checks.
/// The GKE roles carry the <c>container.*</c> permissions of the Kubernetes objects the sandbox cluster serves.
/// </summary>
internal static class Roles
{
    public const string Reader = "roles/artifactregistry.reader";
    public const string Writer = "roles/artifactregistry.writer";
    public const string RepoAdmin = "roles/artifactregistry.repoAdmin";
    public const string Admin = "roles/artifactregistry.admin";
    public const string Owner = "roles/owner";
    public const string Editor = "roles/editor";
    public const string Viewer = "roles/viewer";
    public const string ProjectIamAdmin = "roles/resourcemanager.projectIamAdmin";
    public const string ServiceAccountTokenCreator = "roles/iam.serviceAccountTokenCreator";
    public const string ContainerViewer = "roles/container.viewer";
    public const string ContainerDeveloper = "roles/container.developer";
    public const string ContainerAdmin = "roles/container.admin";
    public const string ContainerClusterViewer = "roles/container.clusterViewer";

    private static readonly string[] ReaderPermissions =
    [
        RepositoriesGet, RepositoriesList, RepositoriesDownloadArtifacts, RepositoriesListEffectiveTags,
        PackagesGet, PackagesList, VersionsGet, VersionsList, TagsGet, TagsList, DockerImagesGet, DockerImagesList,
        FilesGet, FilesList, FilesDownload, LocationsGet, LocationsList, ProjectSettingsGet,
    ];

    private static readonly string[] WriterPermissions = [.. ReaderPermissions, RepositoriesUploadArtifacts, TagsCreate, TagsUpdate];

    private static readonly string[] RepoAdminPermissions =
        [.. WriterPermissions, RepositoriesDeleteArtifacts, PackagesDelete, PackagesUpdate, VersionsDelete, VersionsUpdate, TagsDelete];

    private static readonly string[] AdminPermissions =
    [
        .. RepoAdminPermissions, RepositoriesCreate, RepositoriesDelete, RepositoriesUpdate, RepositoriesGetIamPolicy, RepositoriesSetIamPolicy,
        ProjectSettingsUpdate,
    ];

    private static readonly FrozenDictionary<string, FrozenSet<string>> Map = new Dictionary<string, FrozenSet<string>>
    {
        [Reader] = ReaderPermissions.ToFrozenSet(),
        [Writer] = WriterPermissions.ToFrozenSet(),
        [RepoAdmin] = RepoAdminPermissions.ToFrozenSet(),
        [Admin] = AdminPermissions.ToFrozenSet(),
        [Owner] = AdminPermissions.Concat([ProjectsGet, ProjectsGetIamPolicy, ProjectsSetIamPolicy, ServiceAccountsGetAccessToken]).Concat(ContainerRead).Concat(ContainerWrite).ToFrozenSet(),
        [Editor] = AdminPermissions.Except([RepositoriesSetIamPolicy]).Append(ProjectsGet).Concat(ContainerRead).Concat(ContainerWrite).ToFrozenSet(),
        [Viewer] = ReaderPermissions.Concat([ProjectsGet, RepositoriesGetIamPolicy, ProjectsGetIamPolicy]).Concat(ContainerRead).ToFrozenSet(),
        [ContainerViewer] = ContainerRead.ToFrozenSet(),
        [ContainerDeveloper] = ContainerRead.Concat(ContainerWrite).ToFrozenSet(),
        [ContainerAdmin] = ContainerRead.Concat(ContainerWrite).ToFrozenSet(),
        [ContainerClusterViewer] = new[] { ClustersGet, ClustersList }.ToFrozenSet(),
        [ProjectIamAdmin] = new[] { ProjectsGet, ProjectsGetIamPolicy, ProjectsSetIamPolicy }.ToFrozenSet(),
        [ServiceAccountTokenCreator] = new[] { ServiceAccountsGetAccessToken }.ToFrozenSet(),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsKnown(string role) => Map.ContainsKey(role);

    public static FrozenSet<string> PermissionsOf(string role) => Map.TryGetValue(role, out var set) ? set : FrozenSet<string>.Empty;

    public static IEnumerable<string> All => Map.Keys;
}
