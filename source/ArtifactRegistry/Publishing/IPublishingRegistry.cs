using ArtifactRegistry.References;

namespace ArtifactRegistry.Publishing;

/// <summary>What BuildAndPush needs from the registry side, apart from docker: credentials and access before the build, facts after the push.</summary>
internal interface IPublishingRegistry
{
    /// <summary>Makes sure docker can push <paramref name="images"/> and the principal may (docker credentials, access preflight), as the settings ask.</summary>
    Task PrepareAsync(IReadOnlyList<ImageReference> images, CancellationToken cancellationToken);

    /// <summary>The digest the registry holds for a tag, or null when the tag does not exist.</summary>
    Task<ImageDigest?> FindTagDigestAsync(ImageReference taggedImage, CancellationToken cancellationToken);

    /// <summary>The size the registry reports for a digest-pinned image, or null when unknown.</summary>
    Task<long?> FindImageSizeAsync(ImageReference pinnedImage, CancellationToken cancellationToken);

    /// <summary>An explanation of docker's refusal to push <paramref name="taggedImage"/>, or null when it is not a registry refusal.</summary>
    Exception? ExplainPushRefusal(string dockerError, ImageReference taggedImage, string dockerName);
}
