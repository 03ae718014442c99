using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary>The collection or resource a REST request addresses.</summary>
internal enum RestResource
{
    Unknown,
    Project,
    ProjectSettings,
    Locations,
    Location,
    Operation,
    Repositories,
    Repository,
    Packages,
    Package,
    Versions,
    Version,
    Tags,
    Tag,
    DockerImages,
    DockerImage,
    ServiceAccount,
}

/// <summary>
/// A parsed REST path: <c>v1/projects/P/locations/L/repositories/R/packages/PKG/versions/V</c> and friends, with a custom verb
/// (<c>:getIamPolicy</c>, <c>:batchDelete</c>, …) when there is one. Segments are split before they are decoded, so an escaped
/// package id (<c>team%252Fapp</c> on the wire, <c>team%2Fapp</c> decoded) never becomes a path separator.
/// </summary>
internal sealed record RestTarget(RestResource Resource)
{
    private static readonly HashSet<string> RepositoryVerbs = ["getIamPolicy", "setIamPolicy", "testIamPermissions", "reindex"];
    private static readonly HashSet<string> ServiceAccountVerbs = ["generateAccessToken"];
    private static readonly HashSet<string> CollectionVerbs = ["batchDelete"];

    public string? Verb { get; init; }

    public string? Project { get; init; }

    public string? Location { get; init; }

    public string? Id { get; init; }

    public RepositoryName? Repository { get; init; }

    /// <summary>The decoded image path of a package (<c>team/app</c>).</summary>
    public string? Image { get; init; }

    public string? VersionId { get; init; }

    public string? TagId { get; init; }

    public static RestTarget Parse(string path)
    {
        var raw = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var s = new string[raw.Length];
        for (var i = 0; i < raw.Length; i++)
            s[i] = Uri.UnescapeDataString(raw[i]);

        if (s.Length < 3 || s[0] is not ("v1" or "v3") || s[1] != "projects")
            return new RestTarget(RestResource.Unknown);

        if (s.Length == 3)
        {
            var (project, verb) = SplitVerb(s[2], RepositoryVerbs);
            return new RestTarget(RestResource.Project) { Project = project, Verb = verb };
        }

        var projectId = s[2];
        if (s.Length == 4 && s[3] == "projectSettings")
            return new RestTarget(RestResource.ProjectSettings) { Project = projectId };
        if (s.Length == 5 && s[3] == "serviceAccounts")
        {
            var (email, verb) = SplitVerb(s[4], ServiceAccountVerbs);
            return new RestTarget(RestResource.ServiceAccount) { Project = projectId, Id = email, Verb = verb };
        }

        if (s[3] != "locations")
            return new RestTarget(RestResource.Unknown);
        if (s.Length == 4)
            return new RestTarget(RestResource.Locations) { Project = projectId };
        var location = s[4];
        if (s.Length == 5)
            return new RestTarget(RestResource.Location) { Project = projectId, Location = location };
        if (s[5] == "operations")
            return s.Length == 7 ? new RestTarget(RestResource.Operation) { Project = projectId, Location = location, Id = s[6] } : new RestTarget(RestResource.Unknown);
        if (s[5] != "repositories")
            return new RestTarget(RestResource.Unknown);
        if (s.Length == 6)
            return new RestTarget(RestResource.Repositories) { Project = projectId, Location = location };

        var (repositoryId, repositoryVerb) = SplitVerb(s[6], RepositoryVerbs);
        var repository = new RepositoryName(projectId, location, repositoryId);
        var target = new RestTarget(RestResource.Repository) { Project = projectId, Location = location, Repository = repository, Verb = repositoryVerb };
        if (s.Length == 7)
            return target;
        if (repositoryVerb is not null)
            return new RestTarget(RestResource.Unknown);

        switch (s[7])
        {
            case "dockerImages" when s.Length == 8:
                return target with { Resource = RestResource.DockerImages };
            case "dockerImages" when s.Length == 9:
                return target with { Resource = RestResource.DockerImage, Id = s[8] };
            case "packages" when s.Length == 8:
                return target with { Resource = RestResource.Packages };
            case "packages":
                break;
            default:
                return new RestTarget(RestResource.Unknown);
        }

        var package = target with { Resource = RestResource.Package, Image = PackageId.ToImage(s[8]) };
        if (s.Length == 9)
            return package;
        var (collection, collectionVerb) = SplitVerb(s[9], CollectionVerbs);
        return (collection, s.Length) switch
        {
            ("versions", 10) => package with { Resource = RestResource.Versions, Verb = collectionVerb },
            ("versions", 11) when collectionVerb is null => package with { Resource = RestResource.Version, VersionId = s[10] },
            ("tags", 10) when collectionVerb is null => package with { Resource = RestResource.Tags },
            ("tags", 11) when collectionVerb is null => package with { Resource = RestResource.Tag, TagId = s[10] },
            _ => new RestTarget(RestResource.Unknown),
        };
    }

    private static (string Id, string? Verb) SplitVerb(string segment, IReadOnlySet<string> verbs)
    {
        var colon = segment.LastIndexOf(':');
        return colon > 0 && verbs.Contains(segment[(colon + 1)..]) ? (segment[..colon], segment[(colon + 1)..]) : (segment, null);
    }
}
