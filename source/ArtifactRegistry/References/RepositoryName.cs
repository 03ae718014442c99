using System.Diagnostics.CodeAnalysis;

namespace ArtifactRegistry.References;

/// <summary>
/// The resource name of an Artifact Registry repository: <c>projects/PROJECT-ID/locations/LOCATION/repositories/REPOSITORY</c>.
/// </summary>
public sealed record RepositoryName
{
    private readonly ResourceNameParts _parts;

    private RepositoryName(ResourceNameParts parts) => _parts = parts;

    /// <summary>A domain-scoped project is <c>example.com:my-project</c>.</summary>
    public string ProjectId => _parts.ProjectId;

    /// <summary>The location ID, e.g. <c>asia</c>.</summary>
    public string LocationId => _parts.LocationId;

    /// <summary>The repository ID.</summary>
    public string RepositoryId => _parts.RepositoryId;

    /// <summary>Whether this is one of the repositories serving a Container Registry domain (<c>gcr.io</c>, <c>us.gcr.io</c>, ...).</summary>
    public bool IsGcrRepository => GcrDomains.IsGcrDomain(RepositoryId);

    /// <summary>The Docker host of this repository: <c>asia-docker.pkg.dev</c>, or the gcr.io domain a gcr.io repository serves.</summary>
    public string DockerHost => IsGcrRepository ? RepositoryId : $"{LocationId}-docker.pkg.dev";

    /// <summary>
    /// The repository as docker and <c>gcloud artifacts docker images list</c> name it:
    /// <c>asia-docker.pkg.dev/my-project/my-repo</c>, or <c>gcr.io/my-project</c> for a gcr.io repository.
    /// </summary>
    public string DockerPath => IsGcrRepository
        ? $"{DockerHost}/{ImageReferenceParts.ProjectPathOf(ProjectId)}"
        : $"{DockerHost}/{ImageReferenceParts.ProjectPathOf(ProjectId)}/{RepositoryId}";

    /// <exception cref="InvalidResourceNameException">An ID breaks its rules; the message says which and why.</exception>
    public static RepositoryName FromProjectLocationRepository(string projectId, string locationId, string repositoryId)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(locationId);
        ArgumentNullException.ThrowIfNull(repositoryId);
        return new RepositoryName(ResourceNames.Validated(new ResourceNameParts(projectId, locationId, repositoryId), ResourceNameKind.Repository));
    }

    /// <summary>Parses <c>projects/P/locations/L/repositories/R</c> (a leading <c>//artifactregistry.googleapis.com/</c> is accepted).</summary>
    /// <exception cref="InvalidResourceNameException">The text is not a repository name.</exception>
    public static RepositoryName Parse(string repositoryName) =>
        new(ResourceNameParser.Parse(repositoryName, ResourceNameKind.Repository));

    /// <summary>Parses a repository resource name; false when the text is not one.</summary>
    public static bool TryParse(string? repositoryName, [NotNullWhen(true)] out RepositoryName? result) =>
        TryParse(repositoryName, out result, out _);

    /// <summary>Parses a repository resource name; false, with the reason in <paramref name="error"/>, when the text is not one.</summary>
    public static bool TryParse(
        string? repositoryName,
        [NotNullWhen(true)] out RepositoryName? result,
        [NotNullWhen(false)] out InvalidResourceNameException? error)
    {
        result = ResourceNameParser.TryParse(repositoryName, ResourceNameKind.Repository, out var parts, out error) ? new RepositoryName(parts) : null;
        return result is not null;
    }

    internal static RepositoryName FromValidParts(ResourceNameParts parts) =>
        new(new ResourceNameParts(parts.ProjectId, parts.LocationId, parts.RepositoryId));

    /// <summary>The package holding Docker image <paramref name="imagePath"/> (<c>team/app</c> becomes package ID <c>team%2Fapp</c>).</summary>
    public PackageName Package(string imagePath)
    {
        ArgumentNullException.ThrowIfNull(imagePath);
        return PackageName.FromProjectLocationRepositoryPackage(ProjectId, LocationId, RepositoryId, PackageIds.Escape(imagePath));
    }

    /// <summary>The image <paramref name="imagePath"/> in this repository, with neither tag nor digest.</summary>
    /// <exception cref="InvalidImageReferenceException">The image path breaks the Docker grammar.</exception>
    public ImageReference ToImageReference(string imagePath)
    {
        ArgumentNullException.ThrowIfNull(imagePath);
        return ImageReference.Parse($"{DockerPath}/{imagePath}");
    }

    /// <summary>The resource name: <c>projects/P/locations/L/repositories/R</c>.</summary>
    public override string ToString() => _parts.ToResourceName();

    /// <summary>The path to append to <c>https://artifactregistry.googleapis.com/v1/</c> (nothing in a repository name needs escaping).</summary>
    public string ToUrlPath() => _parts.ToUrlPath();
}
