namespace ArtifactRegistry.Sandbox;

/// <summary>
/// Route ids used by <see cref="SandboxCounters"/> and <see cref="SandboxFaultPlan.RoutePrefix"/>:
/// <c>rest:</c> for Artifact Registry REST v1 (named after the API methods), <c>v2:</c> for the Docker Registry API,
/// <c>oauth:</c>, <c>sts:</c> and <c>iamcredentials:</c> for the token endpoints.
/// </summary>
public static class SandboxRoutes
{
    public const string RestPrefix = "rest:";
    public const string RegistryPrefix = "v2:";

    public const string ProjectsGet = "rest:projects.get";
    public const string ProjectsGetIamPolicy = "rest:projects.getIamPolicy";
    public const string ProjectsSetIamPolicy = "rest:projects.setIamPolicy";
    public const string ProjectsTestIamPermissions = "rest:projects.testIamPermissions";
    public const string ProjectSettingsGet = "rest:projectSettings.get";
    public const string LocationsList = "rest:locations.list";
    public const string LocationsGet = "rest:locations.get";
    public const string OperationsGet = "rest:operations.get";
    public const string RepositoriesList = "rest:repositories.list";
    public const string RepositoriesCreate = "rest:repositories.create";
    public const string RepositoriesGet = "rest:repositories.get";
    public const string RepositoriesPatch = "rest:repositories.patch";
    public const string RepositoriesDelete = "rest:repositories.delete";
    public const string RepositoriesGetIamPolicy = "rest:repositories.getIamPolicy";
    public const string RepositoriesSetIamPolicy = "rest:repositories.setIamPolicy";
    public const string RepositoriesTestIamPermissions = "rest:repositories.testIamPermissions";
    public const string PackagesList = "rest:packages.list";
    public const string PackagesGet = "rest:packages.get";
    public const string PackagesDelete = "rest:packages.delete";
    public const string VersionsList = "rest:versions.list";
    public const string VersionsGet = "rest:versions.get";
    public const string VersionsDelete = "rest:versions.delete";
    public const string VersionsBatchDelete = "rest:versions.batchDelete";
    public const string TagsList = "rest:tags.list";
    public const string TagsGet = "rest:tags.get";
    public const string TagsCreate = "rest:tags.create";
    public const string TagsPatch = "rest:tags.patch";
    public const string TagsDelete = "rest:tags.delete";
    public const string DockerImagesList = "rest:dockerImages.list";
    public const string DockerImagesGet = "rest:dockerImages.get";
    public const string RestUnknown = "rest:unknown";

    public const string OAuthToken = "oauth:token";
    public const string OAuthTokenInfo = "oauth:tokeninfo";
    public const string StsToken = "sts:token";
    public const string StsOAuthToken = "sts:oauthtoken";
    public const string Metadata = "metadata";
    public const string GenerateAccessToken = "iamcredentials:generateAccessToken";
    public const string SubjectToken = "oauth:subjectToken";

    public const string RegistryPing = "v2:ping";
    public const string RegistryToken = "v2:token";
    public const string RegistryCatalog = "v2:catalog";
    public const string BlobsGet = "v2:blobs.get";
    public const string BlobsHead = "v2:blobs.head";
    public const string BlobsDelete = "v2:blobs.delete";
    public const string UploadsStart = "v2:uploads.start";
    public const string UploadsPatch = "v2:uploads.patch";
    public const string UploadsPut = "v2:uploads.put";
    public const string UploadsGet = "v2:uploads.get";
    public const string UploadsDelete = "v2:uploads.delete";
    public const string ManifestsGet = "v2:manifests.get";
    public const string ManifestsHead = "v2:manifests.head";
    public const string ManifestsPut = "v2:manifests.put";
    public const string ManifestsDelete = "v2:manifests.delete";
    public const string TagsListV2 = "v2:tags.list";
    public const string RegistryUnknown = "v2:unknown";
}
