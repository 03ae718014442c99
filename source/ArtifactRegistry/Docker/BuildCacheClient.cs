namespace ArtifactRegistry.Docker;

/// <summary>How a build front end reads and writes a registry build cache; each takes different arguments.</summary>
internal enum BuildCacheClient
{
    /// <summary>The classic builder: it reads only images in the engine, so the cache image is pulled first; it writes none but the image itself.</summary>
    Legacy,

    /// <summary><c>docker buildx build</c>: <c>--cache-from</c> reads the registry directly, <c>--cache-to</c> writes inline or registry caches.</summary>
    Buildx,

    /// <summary>The CLI's built-in BuildKit client (<c>DOCKER_BUILDKIT=1 docker build</c>): reads from the registry, writes inline cache only.</summary>
    BuiltInBuildKit,
}

internal static class BuildCacheClients
{
    /// <summary>
    /// The cache client of a resolved builder: every BuildKit front end but buildx is the built-in client. Auto never gets here
    /// (it is resolved first); it counts as the legacy builder, the one that reads the least.
    /// </summary>
    public static BuildCacheClient Of(DockerBuilder builder) => builder switch
    {
        DockerBuilder.Legacy or DockerBuilder.Auto => BuildCacheClient.Legacy,
        DockerBuilder.Buildx => BuildCacheClient.Buildx,
        _ => BuildCacheClient.BuiltInBuildKit,
    };
}
