namespace ArtifactRegistry.Docker;

/// <summary>What one successful docker build produced.</summary>
/// <param name="ImageId">The engine's image id (<c>sha256:…</c> of the image config; not the registry digest).</param>
/// <param name="Duration">How long the docker build process ran.</param>
/// <param name="Steps">Dockerfile steps docker announced.</param>
/// <param name="CachedSteps">Of those, how many came from the build cache.</param>
internal sealed record DockerBuildOutcome(string ImageId, TimeSpan Duration, int Steps, int CachedSteps);
