namespace ArtifactRegistry.References;

/// <summary>What the parser could read from a reference, valid or not; feeds both errors and <see cref="ImageReference.Explain"/>.</summary>
internal sealed class ImageReferenceParts
{
    public string? Host { get; set; }
    public bool IsGcrHost { get; set; }
    public string? Location { get; set; }
    public string? ProjectId { get; set; }
    public string? Repository { get; set; }
    public string? ImagePath { get; set; }
    public string? Tag { get; set; }
    public string? DigestText { get; set; }
    public ImageDigest? Digest { get; set; }

    public static string ProjectPathOf(string projectId) => projectId.Replace(':', '/');

    /// <summary>The aligned breakdown shown to people: host → location, project, repository, image, tag, digest.</summary>
    public string Describe()
    {
        var rows = new List<(string Label, string Value)>
        {
            ("host", DescribeHost()),
            ("project", DescribeProject()),
            ("repository", DescribeRepository()),
            ("image", ImagePath ?? "(missing)"),
            ("tag", DescribeTag()),
            ("digest", Digest?.ToString() ?? DigestText ?? "(none)"),
        };
        return string.Join('\n', rows.Select(row => $"{row.Label,-10}  {row.Value}"));
    }

    private string DescribeHost()
    {
        if (Host is null) return "(missing)";
        if (Location is null) return $"{Host} -> location (missing)";
        var location = ArtifactRegistryLocations.TryGet(Location, out var known) ? known.Describe() : $"{Location} (unknown)";
        return $"{Host} -> location {location}";
    }

    private string DescribeProject()
    {
        if (ProjectId is null) return "(missing)";
        return ProjectId.Contains(':') ? $"{ProjectId} (domain-scoped, written {ProjectPathOf(ProjectId)} in the path)" : ProjectId;
    }

    private string DescribeRepository()
    {
        if (Repository is null) return "(missing)";
        return IsGcrHost ? $"{Repository} (implied by the host: a gcr.io repository served by Artifact Registry)" : Repository;
    }

    private string DescribeTag()
    {
        if (Tag is not null) return Tag;
        return Digest is not null || DigestText is not null
            ? "(none: the digest names the image)"
            : $"(none: docker and gcloud would silently use :{ImageReference.ImplicitDefaultTag})";
    }
}
