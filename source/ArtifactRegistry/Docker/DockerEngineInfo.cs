namespace ArtifactRegistry.Docker;

/// <summary>What <c>docker version</c> says of the engine.</summary>
/// <param name="Version">The engine's version, e.g. <c>20.10.24+dfsg1</c>.</param>
/// <param name="Architecture">The engine's architecture as docker names platforms (<c>amd64</c>, <c>arm64</c>).</param>
internal sealed record DockerEngineInfo(string Version, string Architecture);
