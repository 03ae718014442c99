using System.Diagnostics.CodeAnalysis;

namespace ArtifactRegistry.References;

/// <summary>
/// The resource name in the dockerImages collection: <c>projects/P/locations/L/repositories/R/dockerImages/IMAGE@sha256:HEX</c>,
/// IMAGE escaped like a package ID. There is no dockerImages.delete: delete its <see cref="VersionName"/> instead.
/// </summary>
public sealed record DockerImageName
{
    private readonly ResourceNameParts _parts;

    private DockerImageName(ResourceNameParts parts) => _parts = parts;

    /// <summary>The project ID.</summary>
    public string ProjectId => _parts.ProjectId;
    /// <summary>The location ID, e.g. <c>asia</c>.</summary>
    public string LocationId => _parts.LocationId;
    /// <summary>The repository ID.</summary>
    public string RepositoryId => _parts.RepositoryId;

    /// <summary><c>team%2Fapp@sha256:HEX</c>.</summary>
    public string DockerImageId => _parts.DockerImageId!;

    /// <summary>Unescaped: <c>team/app</c>.</summary>
    public string ImagePath => PackageIds.Unescape(DockerImageId[..DockerImageId.IndexOf('@')]);

    /// <summary>The image's digest.</summary>
    public ImageDigest Digest => ImageDigest.Parse(DockerImageId[(DockerImageId.IndexOf('@') + 1)..]);

    /// <summary>The repository holding the image.</summary>
    public RepositoryName RepositoryName => RepositoryName.FromValidParts(_parts);

    /// <summary>The version this image is, the name to delete it by.</summary>
    public VersionName VersionName => RepositoryName.Package(ImagePath).Version(Digest);

    /// <param name="dockerImageId"><c>team%2Fapp@sha256:HEX</c>.</param>
    /// <exception cref="InvalidResourceNameException">An ID breaks its rules.</exception>
    public static DockerImageName FromProjectLocationRepositoryDockerImage(string projectId, string locationId, string repositoryId, string dockerImageId)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(locationId);
        ArgumentNullException.ThrowIfNull(repositoryId);
        ArgumentNullException.ThrowIfNull(dockerImageId);
        return new DockerImageName(ResourceNames.Validated(
            new ResourceNameParts(projectId, locationId, repositoryId, DockerImageId: dockerImageId), ResourceNameKind.DockerImage));
    }

    /// <exception cref="InvalidResourceNameException">The text is not a Docker image name.</exception>
    public static DockerImageName Parse(string dockerImageName) => new(ResourceNameParser.Parse(dockerImageName, ResourceNameKind.DockerImage));

    /// <summary>Parses a docker image resource name; false when the text is not one.</summary>
    public static bool TryParse(string? dockerImageName, [NotNullWhen(true)] out DockerImageName? result) =>
        TryParse(dockerImageName, out result, out _);

    /// <summary>Parses a docker image resource name; false, with the reason in <paramref name="error"/>, when the text is not one.</summary>
    public static bool TryParse(
        string? dockerImageName,
        [NotNullWhen(true)] out DockerImageName? result,
        [NotNullWhen(false)] out InvalidResourceNameException? error)
    {
        result = ResourceNameParser.TryParse(dockerImageName, ResourceNameKind.DockerImage, out var parts, out error) ? new DockerImageName(parts) : null;
        return result is not null;
    }

    internal static DockerImageName FromValidParts(ResourceNameParts parts) => new(parts);

    /// <summary>The digest-pinned image: <c>HOST/P/R/IMAGE@sha256:HEX</c>.</summary>
    public ImageReference ToImageReference() => VersionName.ToImageReference();

    /// <summary>The resource name, <c>projects/P/locations/L/repositories/R/dockerImages/IMAGE@sha256:HEX</c>.</summary>
    public override string ToString() => _parts.ToResourceName();

    /// <summary>The raw HTTP path, the image escaped once more (<c>team%252Fapp@sha256:…</c>).</summary>
    public string ToUrlPath() => _parts.ToUrlPath();
}
