namespace ArtifactRegistry.References;

/// <summary>The Artifact Registry resource names this model knows, from the repository down.</summary>
internal enum ResourceNameKind
{
    Repository,
    Package,
    Version,
    Tag,
    DockerImage,
}

internal static class ResourceNameKinds
{
    private const string RepositoryForm = "projects/PROJECT-ID/locations/LOCATION/repositories/REPOSITORY";

    public static string Noun(this ResourceNameKind kind) => kind switch
    {
        ResourceNameKind.Repository => "repository",
        ResourceNameKind.Package => "package",
        ResourceNameKind.Version => "version",
        ResourceNameKind.Tag => "tag",
        _ => "Docker image",
    };

    public static string TypeName(this ResourceNameKind kind) => kind switch
    {
        ResourceNameKind.Repository => nameof(RepositoryName),
        ResourceNameKind.Package => nameof(PackageName),
        ResourceNameKind.Version => nameof(VersionName),
        ResourceNameKind.Tag => nameof(TagName),
        _ => nameof(DockerImageName),
    };

    public static string ExpectedForm(this ResourceNameKind kind) => kind switch
    {
        ResourceNameKind.Repository => RepositoryForm,
        ResourceNameKind.Package => RepositoryForm + "/packages/PACKAGE-ID (a nested image path escapes '/' as %2F: team%2Fapp)",
        ResourceNameKind.Version => RepositoryForm + "/packages/PACKAGE-ID/versions/sha256:HEX",
        ResourceNameKind.Tag => RepositoryForm + "/packages/PACKAGE-ID/tags/TAG-ID",
        _ => RepositoryForm + "/dockerImages/IMAGE@sha256:HEX (a nested image path escapes '/' as %2F: team%2Fapp)",
    };
}
