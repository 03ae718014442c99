namespace ArtifactRegistry.References;

/// <summary>The IDs of an Artifact Registry resource name, validated together so every problem is reported at once.</summary>
internal sealed record ResourceNameParts(
    string ProjectId,
    string LocationId,
    string RepositoryId,
    string? PackageId = null,
    string? VersionId = null,
    string? TagId = null,
    string? DockerImageId = null)
{
    public ResourceNameKind Kind =>
        DockerImageId is not null ? ResourceNameKind.DockerImage
        : VersionId is not null ? ResourceNameKind.Version
        : TagId is not null ? ResourceNameKind.Tag
        : PackageId is not null ? ResourceNameKind.Package
        : ResourceNameKind.Repository;

    /// <summary>Every problem of every ID present; empty when the name is valid.</summary>
    public List<ResourceNameProblem> FindProblems()
    {
        var problems = new List<ResourceNameProblem>();
        if (ProjectIdRules.FindViolations(ProjectId) is { Count: > 0 } project)
            problems.Add(new($"project ID '{ProjectId}' is not valid ({string.Join("; ", project)})", ProjectIdRules.Allowed));
        if (ArtifactRegistryLocations.DescribeUnknown(LocationId) is { } location)
            problems.Add(new($"'{LocationId}' is not an Artifact Registry location", char.ToUpperInvariant(location[0]) + location[1..]));
        if (RepositoryIdRules.FindViolations(RepositoryId, LocationId) is { Count: > 0 } repository)
            problems.Add(new($"repository ID '{RepositoryId}' is not valid ({string.Join("; ", repository)})", RepositoryIdRules.Allowed));
        if (PackageId is not null) AddImagePathProblems(PackageId, "package ID", problems);
        if (VersionId is not null && ImageDigest.FindViolation(VersionId) is { } version)
            problems.Add(new($"a Docker version ID is the image digest, but {version}", ImageDigest.Expected));
        if (TagId is not null && TagRules.FindTagIdViolation(TagId) is { } tag)
            problems.Add(new(tag, TagRules.TagIdAllowed));
        if (DockerImageId is not null) AddDockerImageProblems(DockerImageId, problems);
        return problems;
    }

    public string ToResourceName() => string.Join('/', Segments());

    /// <summary>The same path with each ID escaped once more for a raw HTTP path (see <see cref="PackageIds.ForUrlPath"/>).</summary>
    public string ToUrlPath() => string.Join('/', Segments().Select((segment, i) => i % 2 == 1 ? PackageIds.ForUrlPath(segment) : segment));

    private IEnumerable<string> Segments()
    {
        yield return "projects";
        yield return ProjectId;
        yield return "locations";
        yield return LocationId;
        yield return "repositories";
        yield return RepositoryId;
        if (PackageId is not null)
        {
            yield return "packages";
            yield return PackageId;
        }
        if (VersionId is not null)
        {
            yield return "versions";
            yield return VersionId;
        }
        if (TagId is not null)
        {
            yield return "tags";
            yield return TagId;
        }
        if (DockerImageId is not null)
        {
            yield return "dockerImages";
            yield return DockerImageId;
        }
    }

    private static void AddImagePathProblems(string escapedImagePath, string what, List<ResourceNameProblem> problems)
    {
        if (!PackageIds.TryUnescape(escapedImagePath, out var imagePath, out var escapeProblem))
        {
            problems.Add(escapeProblem);
            return;
        }
        if (ImagePathRules.FindViolations(imagePath) is { Count: > 0 } violations)
            problems.Add(new($"{what} '{escapedImagePath}' is not a Docker image path ({string.Join("; ", violations)})", ImagePathRules.Allowed));
    }

    private static void AddDockerImageProblems(string dockerImageId, List<ResourceNameProblem> problems)
    {
        var at = dockerImageId.IndexOf('@');
        if (at < 0)
        {
            problems.Add($"Docker image ID '{dockerImageId}' has no digest: it is IMAGE@sha256:HEX");
            return;
        }
        AddImagePathProblems(dockerImageId[..at], "Docker image ID", problems);
        if (ImageDigest.FindViolation(dockerImageId[(at + 1)..]) is { } digest) problems.Add(new(digest, ImageDigest.Expected));
    }
}
