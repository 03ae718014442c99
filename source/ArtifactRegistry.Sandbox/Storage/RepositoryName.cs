namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>An Artifact Registry repository: <c>projects/P/locations/L/repositories/R</c>.</summary>
internal sealed record RepositoryName(string Project, string Location, string Repository)
{
    public string Resource { get; } = $"projects/{Project}/locations/{Location}/repositories/{Repository}";

    /// <summary>The name as IAM reports it in REST errors.</summary>
    public string FullResource => "//artifactregistry.googleapis.com/" + Resource;

    public string LocationResource => $"projects/{Project}/locations/{Location}";

    public string PackageResource(string image) => $"{Resource}/packages/{PackageId.FromImage(image)}";

    public string VersionResource(string image, Digest digest) => $"{PackageResource(image)}/versions/{digest}";

    public string TagResource(string image, string tag) => $"{PackageResource(image)}/tags/{tag}";

    public string DockerImageResource(string image, Digest digest) => $"{Resource}/dockerImages/{PackageId.FromImage(image)}@{digest}";

    /// <summary>The Docker path of an image in this repository, on the canonical host (<c>asia-docker.pkg.dev/P/R/IMG</c>).</summary>
    public string DockerUri(string image) => $"{Location}-docker.pkg.dev/{ProjectPath}/{Repository}/{image}";

    /// <summary>Domain-scoped projects (<c>example.com:proj</c>) appear as <c>example.com/proj</c> in Docker paths.</summary>
    public string ProjectPath => Project.Replace(':', '/');

    public override string ToString() => Resource;
}
