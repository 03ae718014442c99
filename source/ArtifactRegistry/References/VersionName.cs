using System.Diagnostics.CodeAnalysis;

namespace ArtifactRegistry.References;

/// <summary>
/// The resource name of one Docker image version: <c>projects/P/locations/L/repositories/R/packages/PKG/versions/sha256:HEX</c>.
/// The version ID is the image digest, colon unescaped.
/// </summary>
public sealed record VersionName
{
    private readonly ResourceNameParts _parts;

    private VersionName(ResourceNameParts parts) => _parts = parts;

    /// <summary>The project ID.</summary>
    public string ProjectId => _parts.ProjectId;
    /// <summary>The location ID, e.g. <c>asia</c>.</summary>
    public string LocationId => _parts.LocationId;
    /// <summary>The repository ID.</summary>
    public string RepositoryId => _parts.RepositoryId;

    /// <summary>Resource-name form: <c>team%2Fapp</c>.</summary>
    public string PackageId => _parts.PackageId!;

    /// <summary><c>sha256:HEX</c>.</summary>
    public string VersionId => _parts.VersionId!;

    /// <summary>The version's digest (a Docker version ID is its digest).</summary>
    public ImageDigest Digest => ImageDigest.Parse(VersionId);

    /// <summary>Unescaped: <c>team/app</c>.</summary>
    public string ImagePath => PackageIds.Unescape(PackageId);

    /// <summary>The repository holding the version.</summary>
    public RepositoryName RepositoryName => RepositoryName.FromValidParts(_parts);
    /// <summary>The package (image) the version belongs to.</summary>
    public PackageName PackageName => PackageName.FromValidParts(_parts);

    /// <summary>The same image as the dockerImages collection names it (<c>…/dockerImages/team%2Fapp@sha256:HEX</c>).</summary>
    public DockerImageName DockerImageName => DockerImageName.FromValidParts(
        new ResourceNameParts(ProjectId, LocationId, RepositoryId, DockerImageId: $"{PackageId}@{VersionId}"));

    /// <param name="packageId">Resource-name form (<c>team%2Fapp</c>).</param>
    /// <param name="versionId">The digest, <c>sha256:HEX</c>.</param>
    /// <exception cref="InvalidResourceNameException">An ID breaks its rules.</exception>
    public static VersionName FromProjectLocationRepositoryPackageVersion(
        string projectId, string locationId, string repositoryId, string packageId, string versionId)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(locationId);
        ArgumentNullException.ThrowIfNull(repositoryId);
        ArgumentNullException.ThrowIfNull(packageId);
        ArgumentNullException.ThrowIfNull(versionId);
        return new VersionName(ResourceNames.Validated(
            new ResourceNameParts(projectId, locationId, repositoryId, PackageId: packageId, VersionId: versionId), ResourceNameKind.Version));
    }

    /// <exception cref="InvalidResourceNameException">The text is not a version name.</exception>
    public static VersionName Parse(string versionName) => new(ResourceNameParser.Parse(versionName, ResourceNameKind.Version));

    /// <summary>Parses a version resource name; false when the text is not one.</summary>
    public static bool TryParse(string? versionName, [NotNullWhen(true)] out VersionName? result) =>
        TryParse(versionName, out result, out _);

    /// <summary>Parses a version resource name; false, with the reason in <paramref name="error"/>, when the text is not one.</summary>
    public static bool TryParse(
        string? versionName,
        [NotNullWhen(true)] out VersionName? result,
        [NotNullWhen(false)] out InvalidResourceNameException? error)
    {
        result = ResourceNameParser.TryParse(versionName, ResourceNameKind.Version, out var parts, out error) ? new VersionName(parts) : null;
        return result is not null;
    }

    internal static VersionName FromValidParts(ResourceNameParts parts) =>
        new(new ResourceNameParts(parts.ProjectId, parts.LocationId, parts.RepositoryId, PackageId: parts.PackageId, VersionId: parts.VersionId));

    /// <summary>The digest-pinned image: <c>HOST/P/R/IMAGE@sha256:HEX</c>.</summary>
    public ImageReference ToImageReference() => PackageName.ToImageReference().WithDigest(Digest);

    /// <summary>The resource name, <c>projects/P/locations/L/repositories/R/packages/IMAGE/versions/sha256:HEX</c>.</summary>
    public override string ToString() => _parts.ToResourceName();

    /// <summary>The raw HTTP path, the package ID escaped once more (<c>team%252Fapp</c>).</summary>
    public string ToUrlPath() => _parts.ToUrlPath();
}
