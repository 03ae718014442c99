namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>One entry of a multi-platform index, as DockerImage.imageManifests reports it.</summary>
internal sealed record Platform(Digest Digest, string MediaType, string? Architecture, string? Os, string? Variant, string? OsVersion);
