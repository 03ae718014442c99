namespace ArtifactRegistry.Docker;

/// <summary>Which docker build front end runs a build.</summary>
public enum DockerBuilder
{
    /// <summary><c>docker buildx build</c> when the buildx plugin answers <c>docker buildx version</c>, else the legacy builder.</summary>
    Auto,

    /// <summary><c>docker buildx build --load</c> (BuildKit).</summary>
    Buildx,

    /// <summary><c>docker build</c> with <c>DOCKER_BUILDKIT=0</c>: the classic builder, the only one an engine without buildx offers.</summary>
    Legacy,
}
