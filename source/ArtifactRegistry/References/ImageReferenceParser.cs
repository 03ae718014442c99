namespace ArtifactRegistry.References;

/// <summary>
/// Reads <c>HOST/PROJECT-ID/REPOSITORY/IMAGE[:TAG][@sha256:HEX]</c> and collects every problem instead of stopping
/// at the first, so one run tells the user everything to fix.
/// </summary>
internal static class ImageReferenceParser
{
    private const string PkgDevSuffix = ".pkg.dev";
    private const string DockerLabelSuffix = "-docker";
    private const int MaxNameLength = 255;

    public static ImageReference? Parse(string? input, out ImageReferenceError? error)
    {
        var parts = new ImageReferenceParts();
        var problems = new List<ImageReferenceProblem>();
        var readable = Read(input ?? "", parts, problems);
        if (problems.Count == 0)
        {
            error = null;
            return new ImageReference(parts.Host!, parts.Location!, parts.ProjectId!, parts.Repository!, parts.ImagePath!, parts.Tag, parts.Digest);
        }

        var ordered = problems.OrderBy(problem => problem.Kind).ToList();
        error = new ImageReferenceError(input ?? "", ordered, readable ? parts.Describe() : null);
        return null;
    }

    /// <returns>Whether the parts got far enough (a host was recognised) to be worth showing.</returns>
    private static bool Read(string input, ImageReferenceParts parts, List<ImageReferenceProblem> problems)
    {
        var text = input.Trim();
        if (text.Length == 0)
        {
            problems.Add(ImageReferenceProblems.Empty());
            return false;
        }
        if (text.Length != input.Length) problems.Add(ImageReferenceProblems.SurroundingWhitespace());
        if (text.Any(char.IsWhiteSpace))
        {
            problems.Add(ImageReferenceProblems.ContainsWhitespace());
            return false;
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            problems.Add(ImageReferenceProblems.UrlScheme(text[..scheme]));
            text = text[(scheme + 3)..];
        }

        text = ReadDigest(text, parts, problems);
        text = ReadTag(text, parts, problems);

        var segments = text.Split('/');
        if (segments.Any(segment => segment.Length == 0))
        {
            problems.Add(ImageReferenceProblems.EmptyPathSegment());
            segments = segments.Where(segment => segment.Length > 0).ToArray();
            if (segments.Length == 0) return false;
        }

        if (!LooksLikeHost(segments[0]))
        {
            problems.Add(ImageReferenceProblems.NoRegistryHost(string.Join('/', segments)));
            return false;
        }
        if (!ReadHost(segments[0].ToLowerInvariant(), parts, problems)) return false;

        ReadPath(segments[1..], parts, problems);

        var nameLength = string.Join('/', segments).Length;
        if (nameLength > MaxNameLength) problems.Add(ImageReferenceProblems.NameTooLong(nameLength));
        return true;
    }

    private static string ReadDigest(string text, ImageReferenceParts parts, List<ImageReferenceProblem> problems)
    {
        var at = text.IndexOf('@');
        if (at < 0) return text;
        parts.DigestText = text[(at + 1)..];
        if (ImageDigest.FindViolation(parts.DigestText) is { } violation) problems.Add(ImageReferenceProblems.InvalidDigest(violation));
        else parts.Digest = ImageDigest.Parse(parts.DigestText);
        return text[..at];
    }

    private static string ReadTag(string text, ImageReferenceParts parts, List<ImageReferenceProblem> problems)
    {
        // As docker does: a ':' after the last '/' starts the tag (one before it would be a host's port).
        var colon = text.LastIndexOf(':');
        if (colon < 0 || colon < text.LastIndexOf('/')) return text;
        parts.Tag = text[(colon + 1)..];
        if (TagRules.FindDockerTagViolation(parts.Tag) is { } violation) problems.Add(ImageReferenceProblems.InvalidTag(violation));
        return text[..colon];
    }

    // Docker's own rule: the first component is a registry host only if it has a '.' or ':' or is "localhost".
    private static bool LooksLikeHost(string segment) =>
        segment.Contains('.') || segment.Contains(':') || segment == "localhost";

    /// <returns>Whether the host is Artifact Registry's enough for the path to be read the Artifact Registry way.</returns>
    private static bool ReadHost(string host, ImageReferenceParts parts, List<ImageReferenceProblem> problems)
    {
        parts.Host = host;
        if (GcrDomains.TryGetLocation(host, out var gcrLocation))
        {
            parts.IsGcrHost = true;
            parts.Location = gcrLocation;
            parts.Repository = host;
            return true;
        }

        if (!host.EndsWith(PkgDevSuffix, StringComparison.Ordinal) || host.Contains(':'))
        {
            problems.Add(ImageReferenceProblems.NotArtifactRegistryHost(host));
            return false;
        }

        var label = host[..^PkgDevSuffix.Length];
        string location;
        if (label.EndsWith(DockerLabelSuffix, StringComparison.Ordinal))
        {
            location = label[..^DockerLabelSuffix.Length];
        }
        else if (label == DockerLabelSuffix[1..])
        {
            problems.Add(ImageReferenceProblems.MissingLocation(host));
            return true;
        }
        else
        {
            var dash = label.LastIndexOf('-');
            if (dash <= 0 || label.Contains('.'))
            {
                problems.Add(ImageReferenceProblems.NotArtifactRegistryHost(host));
                return false;
            }
            location = label[..dash];
            problems.Add(ImageReferenceProblems.NotDockerHost(host, label[(dash + 1)..], location));
        }

        parts.Location = location;
        if (ArtifactRegistryLocations.DescribeUnknown(location, nearest => $", host {nearest.DockerHost}") is { } unknown)
            problems.Add(ImageReferenceProblems.UnknownLocation(location, unknown));
        return true;
    }

    private static void ReadPath(string[] path, ImageReferenceParts parts, List<ImageReferenceProblem> problems)
    {
        if (path.Length == 0)
        {
            problems.Add(ImageReferenceProblems.MissingProject(parts));
            return;
        }

        // Project IDs cannot contain '.', so a first segment with one is the domain of a domain-scoped project.
        int consumed;
        if (path[0].Contains('.'))
        {
            if (path.Length < 2)
            {
                problems.Add(ImageReferenceProblems.IncompleteDomainScopedProject(path[0]));
                return;
            }
            parts.ProjectId = $"{path[0]}:{path[1]}";
            consumed = 2;
        }
        else
        {
            parts.ProjectId = path[0];
            consumed = 1;
        }
        var projectViolations = ProjectIdRules.FindViolations(parts.ProjectId);
        if (projectViolations.Count > 0) problems.Add(ImageReferenceProblems.InvalidProjectId(parts.ProjectId, projectViolations));

        var rest = path[consumed..];
        if (parts.IsGcrHost)
        {
            if (rest.Length == 0) problems.Add(ImageReferenceProblems.MissingImage(parts));
            else parts.ImagePath = string.Join('/', rest);
        }
        else if (rest.Length < 2)
        {
            parts.ImagePath = rest.Length == 1 ? rest[0] : null;
            problems.Add(ImageReferenceProblems.MissingRepository(parts, parts.ImagePath));
        }
        else
        {
            parts.Repository = rest[0];
            parts.ImagePath = string.Join('/', rest[1..]);
            var repositoryViolations = RepositoryIdRules.FindViolations(parts.Repository, parts.Location);
            if (repositoryViolations.Count > 0)
                problems.Add(ImageReferenceProblems.InvalidRepositoryId(parts.Repository, repositoryViolations, parts));
        }

        if (parts.ImagePath is not null && ImagePathRules.FindViolations(parts.ImagePath) is { Count: > 0 } imageViolations)
            problems.Add(ImageReferenceProblems.InvalidImagePath(parts.ImagePath, imageViolations));
    }
}
