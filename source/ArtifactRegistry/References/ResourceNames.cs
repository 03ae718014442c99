namespace ArtifactRegistry.References;

internal static class ResourceNames
{
    /// <summary>The parts when valid; otherwise an <see cref="InvalidResourceNameException"/> naming every problem.</summary>
    public static ResourceNameParts Validated(ResourceNameParts parts, ResourceNameKind kind)
    {
        var error = ResourceNameParser.Validate(parts, kind);
        if (error is not null) throw error;
        return Canonical(parts);
    }

    /// <summary>Package IDs compared by their canonical escaping (<c>%2f</c> and <c>%2F</c> name the same package).</summary>
    public static ResourceNameParts Canonical(ResourceNameParts parts) => parts with
    {
        PackageId = parts.PackageId is null ? null : PackageIds.Canonical(parts.PackageId),
        DockerImageId = parts.DockerImageId is null ? null : CanonicalDockerImageId(parts.DockerImageId),
    };

    private static string CanonicalDockerImageId(string dockerImageId)
    {
        var at = dockerImageId.IndexOf('@');
        return PackageIds.Canonical(dockerImageId[..at]) + dockerImageId[at..];
    }
}
