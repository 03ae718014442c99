using Nuke.Common;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// The one <c>--image</c> parameter every Artifact Registry target that needs an image reads (EnsureDockerAuth, BuildAndPush,
/// GrantReader, Deploy), so a build declares it once however many of the components it uses.
/// </summary>
public interface IArtifactRegistryImage : IArtifactRegistryContext
{
    /// <summary>The image the targets work on, <c>LOCATION-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE</c>: the canonical name, even where the context's host map sends docker elsewhere.</summary>
    [Parameter("Image, canonical even where a host map sends docker elsewhere: LOCATION-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE")]
    string? Image => TryGetValue(() => Image);
}
