namespace ArtifactRegistry.Registry;

/// <summary>A package of a repository; for Docker, one image path (<c>…/packages/team%2Fapp</c>).</summary>
internal sealed record Package
{
    public string? Name { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public DateTimeOffset? UpdateTime { get; init; }
}
