namespace ArtifactRegistry.Registry;

/// <summary>A tag: <c>…/packages/PKG/tags/TAG</c> pointing at <c>…/packages/PKG/versions/sha256:…</c>.</summary>
internal sealed record Tag
{
    public string? Name { get; init; }

    public string? Version { get; init; }
}
