namespace ArtifactRegistry.References;

/// <summary>Whether a location is one region or a multi-region spanning several.</summary>
public enum ArtifactRegistryLocationKind
{
    /// <summary>One region, e.g. <c>asia-northeast1</c>.</summary>
    Region,
    /// <summary>A multi-region spanning several regions, e.g. <c>asia</c>.</summary>
    MultiRegion,
}

/// <summary>A place where Artifact Registry can store a repository, such as <c>asia</c> or <c>asia-northeast1</c>.</summary>
/// <param name="Id">The location id used in hosts (<c>asia-northeast1-docker.pkg.dev</c>) and resource names (<c>locations/asia-northeast1</c>).</param>
/// <param name="Kind">Region or multi-region.</param>
/// <param name="Place">Where it is, for people reading a message (<c>Tokyo</c>).</param>
public sealed record ArtifactRegistryLocation(string Id, ArtifactRegistryLocationKind Kind, string Place)
{
    /// <summary>The Docker host serving repositories in this location, e.g. <c>asia-northeast1-docker.pkg.dev</c>.</summary>
    public string DockerHost => Id + "-docker.pkg.dev";

    /// <summary><c>asia-northeast1 (Tokyo)</c>, <c>asia (multi-region: Asia)</c>.</summary>
    public string Describe() =>
        Kind == ArtifactRegistryLocationKind.MultiRegion ? $"{Id} (multi-region: {Place})" : $"{Id} ({Place})";

    /// <summary>The location ID, e.g. <c>asia-northeast1</c>.</summary>
    public override string ToString() => Id;
}
