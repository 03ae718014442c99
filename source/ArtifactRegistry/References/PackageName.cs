using System.Diagnostics.CodeAnalysis;

namespace ArtifactRegistry.References;

/// <summary>
/// The resource name of a Docker image's package: <c>projects/P/locations/L/repositories/R/packages/PACKAGE-ID</c>,
/// where PACKAGE-ID is the image path with '/' escaped as <c>%2F</c> (<c>team/app</c> → <c>team%2Fapp</c>).
/// </summary>
public sealed record PackageName
{
    private readonly ResourceNameParts _parts;

    private PackageName(ResourceNameParts parts) => _parts = parts;

    /// <summary>The project ID.</summary>
    public string ProjectId => _parts.ProjectId;
    /// <summary>The location ID, e.g. <c>asia</c>.</summary>
    public string LocationId => _parts.LocationId;
    /// <summary>The repository ID.</summary>
    public string RepositoryId => _parts.RepositoryId;

    /// <summary>The resource-name form of the ID: <c>team%2Fapp</c>.</summary>
    public string PackageId => _parts.PackageId!;

    /// <summary>The unescaped ID, the image path docker uses: <c>team/app</c>.</summary>
    public string ImagePath => PackageIds.Unescape(PackageId);

    /// <summary>The repository holding the package.</summary>
    public RepositoryName RepositoryName => RepositoryName.FromValidParts(_parts);

    /// <param name="packageId">The resource-name form (<c>team%2Fapp</c>); for an image path use <see cref="RepositoryName.Package"/>.</param>
    /// <exception cref="InvalidResourceNameException">An ID breaks its rules, e.g. a raw '/' in <paramref name="packageId"/>.</exception>
    public static PackageName FromProjectLocationRepositoryPackage(string projectId, string locationId, string repositoryId, string packageId)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(locationId);
        ArgumentNullException.ThrowIfNull(repositoryId);
        ArgumentNullException.ThrowIfNull(packageId);
        return new PackageName(ResourceNames.Validated(
            new ResourceNameParts(projectId, locationId, repositoryId, PackageId: packageId), ResourceNameKind.Package));
    }

    /// <exception cref="InvalidResourceNameException">The text is not a package name.</exception>
    public static PackageName Parse(string packageName) => new(ResourceNameParser.Parse(packageName, ResourceNameKind.Package));

    /// <summary>Parses a package resource name; false when the text is not one.</summary>
    public static bool TryParse(string? packageName, [NotNullWhen(true)] out PackageName? result) =>
        TryParse(packageName, out result, out _);

    /// <summary>Parses a package resource name; false, with the reason in <paramref name="error"/>, when the text is not one.</summary>
    public static bool TryParse(
        string? packageName,
        [NotNullWhen(true)] out PackageName? result,
        [NotNullWhen(false)] out InvalidResourceNameException? error)
    {
        result = ResourceNameParser.TryParse(packageName, ResourceNameKind.Package, out var parts, out error) ? new PackageName(parts) : null;
        return result is not null;
    }

    internal static PackageName FromValidParts(ResourceNameParts parts) =>
        new(new ResourceNameParts(parts.ProjectId, parts.LocationId, parts.RepositoryId, PackageId: parts.PackageId));

    /// <summary>The version of this package whose ID is <paramref name="digest"/>.</summary>
    public VersionName Version(ImageDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return VersionName.FromValidParts(_parts with { VersionId = digest.ToString() });
    }

    /// <summary>The tag <paramref name="tagId"/> of this package.</summary>
    /// <exception cref="InvalidResourceNameException">The tag ID breaks the Artifact Registry tag ID grammar.</exception>
    public TagName Tag(string tagId)
    {
        ArgumentNullException.ThrowIfNull(tagId);
        return TagName.FromProjectLocationRepositoryPackageTag(ProjectId, LocationId, RepositoryId, PackageId, tagId);
    }

    /// <summary>The image with neither tag nor digest; see <see cref="ImageReference.HasTagOrDigest"/> before acting on it.</summary>
    public ImageReference ToImageReference() => RepositoryName.ToImageReference(ImagePath);

    /// <summary>The resource name, ID in resource-name form: <c>…/packages/team%2Fapp</c>.</summary>
    public override string ToString() => _parts.ToResourceName();

    /// <summary>The raw HTTP path, escaped once more: <c>…/packages/team%252Fapp</c>.</summary>
    public string ToUrlPath() => _parts.ToUrlPath();
}
