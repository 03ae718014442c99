using System.Text.Json;

namespace ArtifactRegistry.Registry;

/// <summary>A version of a package; for docker images the version id is the manifest digest.</summary>
internal sealed record PackageVersion
{
    /// <summary><c>…/packages/PKG/versions/sha256:…</c>.</summary>
    public string? Name { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public DateTimeOffset? UpdateTime { get; init; }

    /// <summary>The tags on this version (only with the FULL view; at most 100).</summary>
    public IReadOnlyList<Tag>? RelatedTags { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public JsonElement? Metadata { get; init; }
}

/// <summary>How much of a version to return.</summary>
internal enum VersionView
{
    /// <summary>The name and times.</summary>
    Basic,

    /// <summary>Also the related tags.</summary>
    Full,
}
