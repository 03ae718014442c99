using ArtifactRegistry.References;

namespace ArtifactRegistry.Docker;

/// <summary>What one successful <c>docker push</c> of one tag reported.</summary>
/// <param name="Name">The name docker pushed (its host mapped when a host map sends docker elsewhere).</param>
/// <param name="Digest">The manifest digest from docker's digest line, or null when docker printed none.</param>
/// <param name="LayersPushed">Layers uploaded.</param>
/// <param name="LayersAlreadyPresent">Layers the registry already had.</param>
/// <param name="Attempts">docker push runs it took (more than one after transient failures).</param>
/// <param name="Duration">Time spent in docker push, retries and waits included.</param>
internal sealed record DockerPushOutcome(string Name, ImageDigest? Digest, int LayersPushed, int LayersAlreadyPresent, int Attempts, TimeSpan Duration);
