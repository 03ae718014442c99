using System.Diagnostics.CodeAnalysis;

namespace ArtifactRegistry.References;

/// <summary>
/// The resource name of a tag: <c>projects/P/locations/L/repositories/R/packages/PKG/tags/TAG-ID</c>.
/// Tag IDs allow <c>[a-zA-Z0-9-._~:@]</c>, a wider set than Docker tags.
/// </summary>
public sealed record TagName
{
    private readonly ResourceNameParts _parts;

    private TagName(ResourceNameParts parts) => _parts = parts;

    /// <summary>The project ID.</summary>
    public string ProjectId => _parts.ProjectId;
    /// <summary>The location ID, e.g. <c>asia</c>.</summary>
    public string LocationId => _parts.LocationId;
    /// <summary>The repository ID.</summary>
    public string RepositoryId => _parts.RepositoryId;

    /// <summary>Resource-name form: <c>team%2Fapp</c>.</summary>
    public string PackageId => _parts.PackageId!;

    /// <summary>The tag, e.g. <c>latest</c>.</summary>
    public string TagId => _parts.TagId!;

    /// <summary>Unescaped: <c>team/app</c>.</summary>
    public string ImagePath => PackageIds.Unescape(PackageId);

    /// <summary>Whether docker can name this tag (<c>IMAGE:TAG</c>); Artifact Registry tag IDs may hold '~', ':' and '@', docker tags not.</summary>
    public bool IsDockerTag => TagRules.FindDockerTagViolation(TagId) is null;

    /// <summary>The repository holding the tag.</summary>
    public RepositoryName RepositoryName => RepositoryName.FromValidParts(_parts);
    /// <summary>The package (image) the tag belongs to.</summary>
    public PackageName PackageName => PackageName.FromValidParts(_parts);

    /// <param name="packageId">Resource-name form (<c>team%2Fapp</c>).</param>
    /// <exception cref="InvalidResourceNameException">An ID breaks its rules.</exception>
    public static TagName FromProjectLocationRepositoryPackageTag(
        string projectId, string locationId, string repositoryId, string packageId, string tagId)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(locationId);
        ArgumentNullException.ThrowIfNull(repositoryId);
        ArgumentNullException.ThrowIfNull(packageId);
        ArgumentNullException.ThrowIfNull(tagId);
        return new TagName(ResourceNames.Validated(
            new ResourceNameParts(projectId, locationId, repositoryId, PackageId: packageId, TagId: tagId), ResourceNameKind.Tag));
    }

    /// <exception cref="InvalidResourceNameException">The text is not a tag name.</exception>
    public static TagName Parse(string tagName) => new(ResourceNameParser.Parse(tagName, ResourceNameKind.Tag));

    /// <summary>Parses a tag resource name; false when the text is not one.</summary>
    public static bool TryParse(string? tagName, [NotNullWhen(true)] out TagName? result) =>
        TryParse(tagName, out result, out _);

    /// <summary>Parses a tag resource name; false, with the reason in <paramref name="error"/>, when the text is not one.</summary>
    public static bool TryParse(
        string? tagName,
        [NotNullWhen(true)] out TagName? result,
        [NotNullWhen(false)] out InvalidResourceNameException? error)
    {
        result = ResourceNameParser.TryParse(tagName, ResourceNameKind.Tag, out var parts, out error) ? new TagName(parts) : null;
        return result is not null;
    }

    /// <summary><c>HOST/P/R/IMAGE:TAG</c>.</summary>
    /// <exception cref="InvalidOperationException">The tag ID is not a Docker tag (see <see cref="IsDockerTag"/>).</exception>
    public ImageReference ToImageReference()
    {
        if (TagRules.FindDockerTagViolation(TagId) is { } violation)
        {
            throw new InvalidOperationException(
                $"Tag '{TagId}' of {PackageName} exists in Artifact Registry but docker cannot name it: {violation}. " +
                $"{TagRules.DockerAllowed} Use the tag's version (tags.get returns it) to reference the image by digest.");
        }
        return PackageName.ToImageReference().WithTag(TagId);
    }

    /// <summary>The resource name, <c>projects/P/locations/L/repositories/R/packages/IMAGE/tags/TAG</c>.</summary>
    public override string ToString() => _parts.ToResourceName();

    /// <summary>The raw HTTP path, the package ID escaped once more (<c>team%252Fapp</c>).</summary>
    public string ToUrlPath() => _parts.ToUrlPath();
}
