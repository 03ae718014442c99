namespace ArtifactRegistry.Sandbox.Iam;

/// <summary>The IAM permissions the sandbox checks, named as Google names them.</summary>
internal static class Permissions
{
    public const string RepositoriesCreate = "artifactregistry.repositories.create";
    public const string RepositoriesDelete = "artifactregistry.repositories.delete";
    public const string RepositoriesGet = "artifactregistry.repositories.get";
    public const string RepositoriesList = "artifactregistry.repositories.list";
    public const string RepositoriesUpdate = "artifactregistry.repositories.update";
    public const string RepositoriesGetIamPolicy = "artifactregistry.repositories.getIamPolicy";
    public const string RepositoriesSetIamPolicy = "artifactregistry.repositories.setIamPolicy";
    public const string RepositoriesDownloadArtifacts = "artifactregistry.repositories.downloadArtifacts";
    public const string RepositoriesUploadArtifacts = "artifactregistry.repositories.uploadArtifacts";
    public const string RepositoriesDeleteArtifacts = "artifactregistry.repositories.deleteArtifacts";
    public const string RepositoriesListEffectiveTags = "artifactregistry.repositories.listEffectiveTags";
    public const string PackagesGet = "artifactregistry.packages.get";
    public const string PackagesList = "artifactregistry.packages.list";
    public const string PackagesUpdate = "artifactregistry.packages.update";
    public const string PackagesDelete = "artifactregistry.packages.delete";
    public const string VersionsGet = "artifactregistry.versions.get";
    public const string VersionsList = "artifactregistry.versions.list";
    public const string VersionsUpdate = "artifactregistry.versions.update";
    public const string VersionsDelete = "artifactregistry.versions.delete";
    public const string TagsGet = "artifactregistry.tags.get";
    public const string TagsList = "artifactregistry.tags.list";
    public const string TagsCreate = "artifactregistry.tags.create";
    public const string TagsUpdate = "artifactregistry.tags.update";
    public const string TagsDelete = "artifactregistry.tags.delete";
    public const string DockerImagesGet = "artifactregistry.dockerimages.get";
    public const string DockerImagesList = "artifactregistry.dockerimages.list";
    public const string FilesGet = "artifactregistry.files.get";
    public const string FilesList = "artifactregistry.files.list";
    public const string FilesDownload = "artifactregistry.files.download";
    public const string LocationsGet = "artifactregistry.locations.get";
    public const string LocationsList = "artifactregistry.locations.list";
    public const string ProjectSettingsGet = "artifactregistry.projectsettings.get";
    public const string ProjectSettingsUpdate = "artifactregistry.projectsettings.update";
    public const string ProjectsGetIamPolicy = "resourcemanager.projects.getIamPolicy";
    public const string ProjectsSetIamPolicy = "resourcemanager.projects.setIamPolicy";
    public const string ProjectsGet = "resourcemanager.projects.get";
    public const string ServiceAccountsGetAccessToken = "iam.serviceAccounts.getAccessToken";
    public const string ClustersGet = "container.clusters.get";
    public const string ClustersList = "container.clusters.list";

    /// <summary>GKE's permissions for Kubernetes objects of the cluster's project, read-only ones first.</summary>
    public static readonly string[] ContainerRead =
    [
        ClustersGet, ClustersList,
        .. new[] { "namespaces", "nodes", "pods", "events", "deployments", "replicaSets", "statefulSets", "daemonSets", "controllerRevisions" }.SelectMany(n => new[] { $"container.{n}.get", $"container.{n}.list" }),
        "container.deployments.getStatus", "container.deployments.getScale", "container.replicaSets.getStatus", "container.replicaSets.getScale",
        "container.statefulSets.getStatus", "container.daemonSets.getStatus",
        "container.pods.getStatus", "container.pods.getLogs", "container.nodes.getStatus",
    ];

    public static readonly string[] ContainerWrite =
    [
        .. new[] { "namespaces", "pods", "events", "deployments", "replicaSets", "statefulSets", "daemonSets", "controllerRevisions" }.SelectMany(n => new[] { $"container.{n}.create", $"container.{n}.update", $"container.{n}.delete" }),
        "container.deployments.updateStatus", "container.deployments.updateScale", "container.replicaSets.updateStatus", "container.replicaSets.updateScale",
        "container.statefulSets.updateStatus", "container.daemonSets.updateStatus",
        "container.pods.updateStatus",
    ];
}
