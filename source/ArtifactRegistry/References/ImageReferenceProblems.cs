namespace ArtifactRegistry.References;

/// <summary>The texts of every image reference problem: what happened, why, and the fix, with a corrected example where one can be built.</summary>
internal static class ImageReferenceProblems
{
    public const string ExpectedForm = "HOST/PROJECT-ID/REPOSITORY/IMAGE";
    private const string RepositoryPlaceholder = "my-repo";

    public static ImageReferenceProblem Empty() => new(
        ImageReferenceProblemKind.Empty,
        "it is empty",
        $"The reference is empty (an unset variable?). Expected {ExpectedForm}[:TAG][@sha256:DIGEST], " +
        "e.g. asia-docker.pkg.dev/my-project/my-repo/my-image:1.0.");

    public static ImageReferenceProblem SurroundingWhitespace() => new(
        ImageReferenceProblemKind.SurroundingWhitespace,
        "it has leading or trailing whitespace",
        "It has leading or trailing whitespace, often a newline read from a file or a command's output; trim it.");

    public static ImageReferenceProblem ContainsWhitespace() => new(
        ImageReferenceProblemKind.ContainsWhitespace,
        "it contains whitespace",
        "It contains whitespace, which no image reference may contain (two values joined by mistake, or a quoted list?).");

    public static ImageReferenceProblem UrlScheme(string scheme) => new(
        ImageReferenceProblemKind.UrlScheme,
        $"it starts with '{scheme}://'",
        $"It starts with '{scheme}://', but an image reference has no scheme: write the host first, " +
        "as in asia-docker.pkg.dev/my-project/my-repo/my-image.");

    public static ImageReferenceProblem NoRegistryHost(string name) => new(
        ImageReferenceProblemKind.NoRegistryHost,
        "it has no registry host, so docker would send it to Docker Hub",
        $"'{name}' has no registry host, so docker would read it as {DockerHubName(name)} on Docker Hub.\n" +
        $"An Artifact Registry image reference starts with its host: {ExpectedForm}, where HOST is LOCATION-docker.pkg.dev.\n" +
        $"Example: asia-docker.pkg.dev/my-project/{RepositoryPlaceholder}/{ExampleImage(name.Split('/')[^1])}:latest");

    public static ImageReferenceProblem NotArtifactRegistryHost(string host) => new(
        ImageReferenceProblemKind.NotArtifactRegistryHost,
        $"'{host}' is not an Artifact Registry host",
        $"'{host}' is not an Artifact Registry host{WhatHostIs(host)}.\n" +
        $"Artifact Registry serves Docker images at {ExpectedForm} with HOST = LOCATION-docker.pkg.dev " +
        "(asia-docker.pkg.dev, us-central1-docker.pkg.dev, ...), and former Container Registry names at " +
        "gcr.io, us.gcr.io, eu.gcr.io or asia.gcr.io/PROJECT-ID/IMAGE.");

    public static ImageReferenceProblem NotDockerHost(string host, string format, string location)
    {
        var what = FormatDescription(format) is { } description
            ? $"'{host}' is {description}, not its Docker host."
            : $"'{host}' is not an Artifact Registry Docker host.";
        return new ImageReferenceProblem(
            ImageReferenceProblemKind.NotDockerHost,
            $"'{host}' is not Artifact Registry's Docker host",
            $"{what} Docker images in location '{location}' are served by " +
            $"{location}-docker.pkg.dev: {location}-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE.");
    }

    public static ImageReferenceProblem MissingLocation(string host) => new(
        ImageReferenceProblemKind.MissingLocation,
        $"host '{host}' names no location",
        $"Host '{host}' names no location: Docker hosts are LOCATION-docker.pkg.dev, " +
        "e.g. asia-docker.pkg.dev (multi-region) or asia-northeast1-docker.pkg.dev (Tokyo).");

    public static ImageReferenceProblem UnknownLocation(string location, string description) => new(
        ImageReferenceProblemKind.UnknownLocation,
        $"'{location}' is not an Artifact Registry location",
        Capitalize(description));

    public static ImageReferenceProblem EmptyPathSegment() => new(
        ImageReferenceProblemKind.EmptyPathSegment,
        "it has an empty path segment",
        "It has an empty path segment ('//' or a '/' at an end), usually an unset variable as in " +
        "asia-docker.pkg.dev/${PROJECT}//my-image.");

    public static ImageReferenceProblem MissingProject(ImageReferenceParts parts) => new(
        ImageReferenceProblemKind.MissingProject,
        parts.IsGcrHost ? "the PROJECT-ID and IMAGE segments are missing" : "the PROJECT-ID, REPOSITORY and IMAGE segments are missing",
        $"It has only the host '{parts.Host}'; expected " +
        (parts.IsGcrHost ? $"{parts.Host}/PROJECT-ID/IMAGE" : ExpectedForm) + ".\n" +
        $"Example: {CorrectedExample(parts)}");

    public static ImageReferenceProblem IncompleteDomainScopedProject(string domain) => new(
        ImageReferenceProblemKind.MissingProject,
        $"the project after domain '{domain}' is missing",
        $"'{domain}' is the domain of a domain-scoped project, so the project name must follow it: " +
        $"{domain}/my-project for project ID {domain}:my-project.");

    public static ImageReferenceProblem MissingRepository(ImageReferenceParts parts, string? loneSegment)
    {
        var project = SuggestedProjectId(parts);
        var location = SuggestedLocation(parts);
        var example = CorrectedExample(parts);
        var lines = new List<string>();
        if (loneSegment is null)
        {
            lines.Add($"The REPOSITORY and IMAGE segments are missing: Artifact Registry image paths have the form {ExpectedForm}, " +
                      "but this one stops after PROJECT-ID.");
        }
        else
        {
            lines.Add($"The REPOSITORY segment is missing: Artifact Registry image paths have the form {ExpectedForm}, " +
                      "but this one has only HOST/PROJECT-ID/IMAGE, the Container Registry form (gcr.io/PROJECT-ID/IMAGE) " +
                      "that has no repository level. Docker would refuse the push with \"name invalid: Missing image name\".");
        }
        lines.Add($"Corrected example: {example} ({RepositoryPlaceholder} stands for a Docker repository of project {project} in {location}).");
        lines.Add($"To list the repositories: gcloud artifacts repositories list --project={project} --location={location}");
        lines.Add($"To create one: gcloud artifacts repositories create {RepositoryPlaceholder} --repository-format=docker " +
                  $"--location={location} --project={project}");
        if (loneSegment is not null)
        {
            lines.Add($"If '{loneSegment}' is meant to be the repository, the image name comes after it: " +
                      $"{SuggestedHost(parts)}/{ImageReferenceParts.ProjectPathOf(project)}/{loneSegment}/IMAGE.");
        }
        return new ImageReferenceProblem(
            ImageReferenceProblemKind.MissingRepository,
            loneSegment is null ? "the REPOSITORY and IMAGE segments are missing" : "the REPOSITORY segment is missing",
            string.Join('\n', lines));
    }

    public static ImageReferenceProblem MissingImage(ImageReferenceParts parts) => new(
        ImageReferenceProblemKind.MissingImage,
        "the IMAGE segment is missing",
        $"The IMAGE segment is missing: {parts.Host} names have the form {parts.Host}/PROJECT-ID/IMAGE " +
        $"(the host implies repository {parts.Repository} in location {parts.Location}).\n" +
        $"Example: {CorrectedExample(parts)}");

    public static ImageReferenceProblem NameTooLong(int length) => new(
        ImageReferenceProblemKind.NameTooLong,
        $"the name has {length} characters, more than 255",
        $"The name (host and path, without tag and digest) has {length} characters; docker refuses names longer than 255.");

    public static ImageReferenceProblem InvalidProjectId(string projectId, IReadOnlyList<string> violations)
    {
        var suggestion = ProjectIdRules.SuggestFix(projectId);
        var didYouMean = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
        return new ImageReferenceProblem(
            ImageReferenceProblemKind.InvalidProjectId,
            $"'{projectId}' is not a valid project ID ({string.Join("; ", violations)})",
            $"'{projectId}' is not a valid project ID: {string.Join("; ", violations)}.\n" +
            $"{ProjectIdRules.Allowed}{didYouMean}\n" +
            "A project's display name is not its ID: `gcloud projects list` shows the IDs.");
    }

    public static ImageReferenceProblem InvalidRepositoryId(string repositoryId, IReadOnlyList<string> violations, ImageReferenceParts parts)
    {
        var suggestion = RepositoryIdRules.SuggestFix(repositoryId);
        var didYouMean = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
        return new ImageReferenceProblem(
            ImageReferenceProblemKind.InvalidRepositoryId,
            $"'{repositoryId}' is not a valid repository ID ({string.Join("; ", violations)})",
            $"'{repositoryId}' is not a valid repository ID: {string.Join("; ", violations)}.\n" +
            $"{RepositoryIdRules.Allowed}{didYouMean}\n" +
            $"To list the repositories: gcloud artifacts repositories list --project={SuggestedProjectId(parts)} --location={SuggestedLocation(parts)}");
    }

    public static ImageReferenceProblem InvalidImagePath(string imagePath, IReadOnlyList<string> violations) => new(
        ImageReferenceProblemKind.InvalidImagePath,
        $"'{imagePath}' is not a valid image path ({string.Join("; ", violations)})",
        $"'{imagePath}' is not a valid image path: {string.Join("; ", violations)}.\n{ImagePathRules.Allowed}");

    public static ImageReferenceProblem InvalidTag(string violation) => new(
        ImageReferenceProblemKind.InvalidTag,
        violation,
        $"{Capitalize(violation)}.\n{TagRules.DockerAllowed}");

    public static ImageReferenceProblem InvalidDigest(string violation) => new(
        ImageReferenceProblemKind.InvalidDigest,
        violation,
        ImageDigest.Explain(violation));

    public static ImageReferenceProblem NoTagOrDigest(ImageReference reference, string purpose) => new(
        ImageReferenceProblemKind.NoTagOrDigest,
        $"it names neither a tag nor a digest, which {purpose} needs",
        $"It names neither a tag nor a digest. Docker and gcloud would silently use :{ImageReference.ImplicitDefaultTag} here " +
        $"(\"Implicit :latest tag specified\"), so {purpose} does not guess.\n" +
        $"Say which image you mean: {reference}:{ImageReference.ImplicitDefaultTag} if you really mean the tag latest, " +
        $"or {reference}@sha256:<digest> for one exact image.");

    /// <summary>The reference rebuilt from its parts with every fixable part fixed and placeholders for the missing ones.</summary>
    internal static string CorrectedExample(ImageReferenceParts parts)
    {
        var project = ImageReferenceParts.ProjectPathOf(SuggestedProjectId(parts));
        var image = parts.ImagePath is null ? "my-image" : ExampleImage(parts.ImagePath);
        var path = parts.IsGcrHost
            ? $"{SuggestedHost(parts)}/{project}/{image}"
            : $"{SuggestedHost(parts)}/{project}/{SuggestedRepository(parts)}/{image}";
        var tag = parts.Tag is not null && TagRules.FindDockerTagViolation(parts.Tag) is null ? ":" + parts.Tag : "";
        var digest = parts.Digest is null ? "" : "@" + parts.Digest;
        return path + tag + digest;
    }

    private static string SuggestedHost(ImageReferenceParts parts)
    {
        if (parts.IsGcrHost) return parts.Host!;
        var location = parts.Location is null ? null : ArtifactRegistryLocations.FindNearest(parts.Location);
        return location?.DockerHost ?? "asia-docker.pkg.dev";
    }

    private static string SuggestedLocation(ImageReferenceParts parts) =>
        (parts.Location is null ? null : ArtifactRegistryLocations.FindNearest(parts.Location)?.Id) ?? "LOCATION";

    private static string SuggestedProjectId(ImageReferenceParts parts)
    {
        if (parts.ProjectId is null) return "my-project";
        if (ProjectIdRules.IsValid(parts.ProjectId)) return parts.ProjectId;
        return ProjectIdRules.SuggestFix(parts.ProjectId) ?? parts.ProjectId;
    }

    private static string SuggestedRepository(ImageReferenceParts parts)
    {
        if (parts.Repository is null) return RepositoryPlaceholder;
        if (RepositoryIdRules.FindViolations(parts.Repository, null).Count == 0) return parts.Repository;
        return RepositoryIdRules.SuggestFix(parts.Repository) ?? RepositoryPlaceholder;
    }

    private static string ExampleImage(string imagePath)
    {
        var lower = imagePath.ToLowerInvariant();
        return ImagePathRules.IsValid(lower) ? lower : "my-image";
    }

    private static string DockerHubName(string name) =>
        name.Contains('/') ? $"docker.io/{name}" : $"docker.io/library/{name}";

    private static string WhatHostIs(string host)
    {
        var bare = host.Split(':')[0];
        return bare switch
        {
            "docker.io" or "index.docker.io" or "registry-1.docker.io" => " (it is Docker Hub)",
            "ghcr.io" => " (it is GitHub Container Registry)",
            "quay.io" => " (it is Quay)",
            "localhost" or "127.0.0.1" => " (it is a registry on this machine)",
            _ when bare.EndsWith(".gcr.io", StringComparison.Ordinal) =>
                " (of the gcr.io domains, Artifact Registry serves only gcr.io, us.gcr.io, eu.gcr.io and asia.gcr.io)",
            _ when host.Contains(':') && ArtifactRegistryHostWithPort(host) => " (drop the port: docker adds it)",
            _ when bare.EndsWith(".pkg.dev", StringComparison.Ordinal) || bare == "pkg.dev" =>
                " (Docker hosts are LOCATION-docker.pkg.dev)",
            _ => "",
        };
    }

    private static bool ArtifactRegistryHostWithPort(string host)
    {
        var bare = host[..host.IndexOf(':')];
        return bare.EndsWith("-docker.pkg.dev", StringComparison.Ordinal) || GcrDomains.IsGcrDomain(bare);
    }

    private static string? FormatDescription(string format) => format switch
    {
        "python" => "Artifact Registry's Python package host",
        "npm" => "Artifact Registry's npm package host",
        "maven" => "Artifact Registry's Maven package host",
        "apt" => "Artifact Registry's Apt package host",
        "yum" => "Artifact Registry's Yum package host",
        "go" => "Artifact Registry's Go module host",
        "kfp" => "Artifact Registry's Kubeflow Pipelines host",
        "googet" => "Artifact Registry's GooGet package host",
        _ => null,
    };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
