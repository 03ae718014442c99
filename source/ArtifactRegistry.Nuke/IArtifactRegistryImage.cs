using Nuke.Common;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// The one <c>--image</c> parameter every Artifact Registry target that needs an image reads (EnsureDockerAuth, BuildAndPush,
/// SetImage, Deploy, GrantReader, PruneUntagged, Tag), so a build declares it once however many of the components it uses.
/// </summary>
public interface IArtifactRegistryImage : IArtifactRegistryContext
{
    /// <summary>
    /// The image the targets work on, <c>LOCATION-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE</c>, with <c>:TAG</c> or <c>@sha256:…</c>
    /// where the target needs one (SetImage without a push in the same build, Tag adding tags): the canonical name, even where the
    /// context's host map sends docker elsewhere.
    /// </summary>
    [Parameter("Image the targets work on, LOCATION-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE; with :TAG or @sha256:… for SetImage without a push in the same build and for Tag --add-tags")]
    string? Image => TryGetValue(() => Image);
}
