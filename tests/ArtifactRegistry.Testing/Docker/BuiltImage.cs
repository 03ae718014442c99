namespace ArtifactRegistry.Testing.Docker;

/// <summary>An image a fixture built or imported into a <see cref="PrivateDockerd"/>.</summary>
/// <param name="ImageId">The engine's image id, <c>sha256:…</c> (the config digest, not a registry manifest digest).</param>
/// <param name="Tags">The references it was tagged with, as given.</param>
/// <param name="BuildTime">How long the build or import took.</param>
public sealed record BuiltImage(string ImageId, IReadOnlyList<string> Tags, TimeSpan BuildTime);
