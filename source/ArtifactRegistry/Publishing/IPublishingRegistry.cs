using ArtifactRegistry.References;

namespace ArtifactRegistry.Publishing;

/// <summary>What BuildAndPush needs besides docker: credentials and access before the build, facts from the registry after the push.</summary>
internal interface IPublishingRegistry
{
    /// <summary>Makes sure docker can push <paramref name="images"/> and the principal may (EnsureDockerAuth with its preflight), as the settings ask.</summary>
    Task<IPublishingSession> OpenAsync(IReadOnlyList<ImageReference> images, CancellationToken cancellationToken);
}

/// <summary>The registry side of one build-and-push, from the credentials on.</summary>
internal interface IPublishingSession : IAsyncDisposable
{
    /// <summary>What the access preflight found per repository (immutable tags, tags that exist); empty when it did not run.</summary>
    IReadOnlyList<Access.RepositoryAccess> Repositories { get; }

    /// <summary>The <c>DOCKER_CONFIG</c> docker must use from now on, or null to keep the one it had.</summary>
    string? DockerConfigDirectory { get; }

    /// <summary>
    /// Hands the docker auth session this one opened, and the caller asked to keep, to the caller (null when there is none).
    /// Called only once the push has succeeded: a session nobody took is closed with this one, so a failed build leaves no
    /// build-scoped login, token included, behind.
    /// </summary>
    DockerAuth.DockerAuthSession? TakeKeptDockerAuthSession();

    /// <summary>Called before each push: renews a login that is about to expire.</summary>
    Task BeforePushAsync(CancellationToken cancellationToken);

    /// <summary>The credentials for the registry's own API (a multi-platform push): the docker auth session's, else the context's or ADC.</summary>
    Task<Auth.IAccessTokenSource> RegistryTokensAsync(CancellationToken cancellationToken);

    /// <summary>The digest the registry holds for a tag, or null when the tag does not exist.</summary>
    Task<ImageDigest?> FindTagDigestAsync(ImageReference taggedImage, CancellationToken cancellationToken);

    /// <summary>The size the registry reports for a digest-pinned image, or null when unknown.</summary>
    Task<long?> FindImageSizeAsync(ImageReference pinnedImage, CancellationToken cancellationToken);

    /// <summary>An explanation of docker's refusal to push <paramref name="taggedImage"/>, or null when it is not a registry refusal.</summary>
    Exception? ExplainPushRefusal(string dockerError, ImageReference taggedImage);
}
