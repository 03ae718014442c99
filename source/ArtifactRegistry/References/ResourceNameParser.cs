using System.Diagnostics.CodeAnalysis;

namespace ArtifactRegistry.References;

/// <summary>Reads <c>projects/P/locations/L/repositories/R[/packages/PKG[/versions/V | /tags/T] | /dockerImages/D]</c>.</summary>
internal static class ResourceNameParser
{
    // Permission errors quote full resource names with the service prefix; accepting it lets users paste them.
    private const string FullNamePrefix = "//artifactregistry.googleapis.com/";

    public static ResourceNameParts Parse(string input, ResourceNameKind expected)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TryParse(input, expected, out var parts, out var error) ? parts : throw error;
    }

    public static bool TryParse(
        string? input,
        ResourceNameKind expected,
        [NotNullWhen(true)] out ResourceNameParts? parts,
        [NotNullWhen(false)] out InvalidResourceNameException? error)
    {
        var problems = new List<ResourceNameProblem>();
        var read = Read(input ?? "", problems);
        if (read is not null && problems.Count == 0)
        {
            problems.AddRange(read.FindProblems());
            if (read.Kind != expected) problems.Add(DescribeWrongKind(read, expected));
        }
        if (problems.Count == 0)
        {
            parts = ResourceNames.Canonical(read!);
            error = null;
            return true;
        }
        parts = null;
        error = new InvalidResourceNameException(input ?? "", expected.Noun(), expected.ExpectedForm(), problems);
        return false;
    }

    public static InvalidResourceNameException? Validate(ResourceNameParts parts, ResourceNameKind kind)
    {
        var problems = parts.FindProblems();
        return problems.Count == 0 ? null : new InvalidResourceNameException(parts.ToResourceName(), kind.Noun(), kind.ExpectedForm(), problems);
    }

    private static ResourceNameParts? Read(string input, List<ResourceNameProblem> problems)
    {
        var text = input.StartsWith(FullNamePrefix, StringComparison.Ordinal) ? input[FullNamePrefix.Length..] : input;
        if (text.Length == 0)
        {
            problems.Add("it is empty");
            return null;
        }
        if (text.Contains("://", StringComparison.Ordinal))
        {
            var v1 = text.IndexOf("/v1/", StringComparison.Ordinal);
            problems.Add(v1 < 0
                ? "it is a URL, not a resource name"
                : $"it is a URL, not a resource name; the resource name is the part after /v1/: {text[(v1 + 4)..]}");
            return null;
        }
        var firstSegment = text.Split('/')[0];
        if (firstSegment.Contains('.'))
        {
            problems.Add(DescribeImageReferenceGivenAsName(text));
            return null;
        }

        var cursor = new Cursor(text.Split('/'), problems);
        var projectId = cursor.Expect("projects", "the project ID");
        var locationId = projectId is null ? null : cursor.Expect("locations", "the location");
        var repositoryId = locationId is null ? null : cursor.Expect("repositories", "the repository ID");
        if (projectId is null || locationId is null || repositoryId is null) return null;
        var parts = new ResourceNameParts(projectId, locationId, repositoryId);
        if (cursor.AtEnd) return parts;

        switch (cursor.Keyword("packages", "dockerImages"))
        {
            case "packages":
                var packageId = cursor.PackageId();
                if (packageId is null) return null;
                parts = parts with { PackageId = packageId };
                if (cursor.AtEnd) return parts;
                switch (cursor.Keyword("versions", "tags"))
                {
                    case "versions":
                        var versionId = cursor.Id("the version ID");
                        parts = versionId is null ? parts : parts with { VersionId = versionId };
                        break;
                    case "tags":
                        var tagId = cursor.Id("the tag ID");
                        parts = tagId is null ? parts : parts with { TagId = tagId };
                        break;
                    default:
                        return null;
                }
                break;
            case "dockerImages":
                var dockerImageId = cursor.DockerImageId();
                if (dockerImageId is null) return null;
                parts = parts with { DockerImageId = dockerImageId };
                break;
            default:
                return null;
        }
        cursor.ExpectEnd();
        return problems.Count == 0 ? parts : null;
    }

    private static string DescribeImageReferenceGivenAsName(string text)
    {
        if (ImageReference.TryParse(text, out var reference))
        {
            var name = reference.HasDigest ? reference.VersionName.ToString()
                : reference.HasTag ? reference.TagName.ToString()
                : reference.PackageName.ToString();
            return $"it is a Docker image reference, not a resource name; its resource name is {name} " +
                   $"(ImageReference.Parse(\"{text}\") gives {nameof(ImageReference.RepositoryName)}, {nameof(ImageReference.PackageName)}, ...)";
        }
        return "it looks like a Docker image reference (HOST/PROJECT-ID/REPOSITORY/IMAGE), not a resource name; " +
               "ImageReference.Parse explains what is wrong with it and gives its resource names";
    }

    private static string DescribeWrongKind(ResourceNameParts read, ResourceNameKind expected)
    {
        if (read.Kind < expected || (read.Kind == ResourceNameKind.Package && expected == ResourceNameKind.DockerImage))
        {
            var missing = expected switch
            {
                ResourceNameKind.Package => "/packages/PACKAGE-ID",
                ResourceNameKind.Version => "/versions/sha256:HEX",
                ResourceNameKind.Tag => "/tags/TAG-ID",
                _ => "/dockerImages/IMAGE@sha256:HEX",
            };
            return $"it is a {read.Kind.Noun()} name; a {expected.Noun()} name goes on with {missing}";
        }
        return $"it is a {read.Kind.Noun()} name, not a {expected.Noun()} name: parse it with {read.Kind.TypeName()}.Parse";
    }

    private sealed class Cursor(string[] segments, List<ResourceNameProblem> problems)
    {
        private int _position;

        public bool AtEnd => _position >= segments.Length;

        /// <summary>Reads <c>keyword/ID</c>; reports a missing or misspelt keyword or a missing ID.</summary>
        public string? Expect(string keyword, string what)
        {
            if (AtEnd)
            {
                problems.Add($"it ends before '{keyword}/'");
                return null;
            }
            if (segments[_position] != keyword)
            {
                problems.Add($"expected '{keyword}' where it has '{segments[_position]}'");
                return null;
            }
            _position++;
            return Id(what);
        }

        public string? Keyword(params string[] allowed)
        {
            var found = segments[_position];
            if (allowed.Contains(found))
            {
                _position++;
                return found;
            }
            problems.Add($"expected {string.Join(" or ", allowed.Select(k => $"'{k}'"))} where it has '{found}'");
            return null;
        }

        public string? Id(string what)
        {
            if (AtEnd || segments[_position].Length == 0)
            {
                problems.Add($"{what} is missing after '{segments[_position - 1]}/'");
                return null;
            }
            return segments[_position++];
        }

        /// <summary>A package ID runs to the next 'versions'/'tags' keyword; more than one segment means an unescaped '/'.</summary>
        public string? PackageId()
        {
            var start = _position;
            while (!AtEnd && (_position == start || segments[_position] is not ("versions" or "tags"))) _position++;
            var taken = segments[start.._position];
            if (taken.Length == 0 || taken[0].Length == 0)
            {
                problems.Add("the package ID is missing after 'packages/'");
                return null;
            }
            if (taken.Length > 1)
            {
                var joined = string.Join('/', taken);
                problems.Add($"package ID '{joined}' must escape '/' as %2F: packages/{ArtifactRegistry.References.PackageIds.Escape(joined)}");
                return null;
            }
            return taken[0];
        }

        public string? DockerImageId()
        {
            var taken = segments[_position..];
            _position = segments.Length;
            if (taken.Length == 0 || taken[0].Length == 0)
            {
                problems.Add("the Docker image ID is missing after 'dockerImages/'");
                return null;
            }
            if (taken.Length > 1)
            {
                var joined = string.Join('/', taken);
                problems.Add($"Docker image ID '{joined}' must escape '/' as %2F: dockerImages/{ArtifactRegistry.References.PackageIds.Escape(joined)}");
                return null;
            }
            return taken[0];
        }

        public void ExpectEnd()
        {
            if (!AtEnd) problems.Add($"unexpected '{string.Join('/', segments[_position..])}' at the end");
        }
    }
}
