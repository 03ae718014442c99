namespace ArtifactRegistry.Docker;

/// <summary>Which docker build front end runs a build.</summary>
public enum DockerBuilder
{
    /// <summary>
    /// <c>docker buildx build</c> when the buildx plugin answers <c>docker buildx version</c>; else, for a build that needs BuildKit
    /// (build secrets), the CLI's built-in BuildKit where it has one (<see cref="BuildKit"/>); else the legacy builder.
    /// </summary>
    Auto,

    /// <summary><c>docker buildx build --load</c> (BuildKit).</summary>
    Buildx,

    /// <summary><c>docker build</c> with <c>DOCKER_BUILDKIT=0</c>: the classic builder, the only one an engine without buildx offers.</summary>
    Legacy,

    /// <summary>
    /// <c>docker build</c> with <c>DOCKER_BUILDKIT=1</c>: the BuildKit client built into docker CLIs 18.09 to 20.10 (Debian's and
    /// Ubuntu's <c>docker.io</c> 20.10 among them); later CLIs left it to the buildx plugin.
    /// </summary>
    BuildKit,
}
