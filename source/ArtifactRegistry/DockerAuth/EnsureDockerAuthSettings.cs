using System.Collections.Immutable;
using ArtifactRegistry.Access;
using ArtifactRegistry.Iam;
using ArtifactRegistry.References;

namespace ArtifactRegistry.DockerAuth;

/// <summary>
/// What <see cref="EnsureDockerAuth"/> is asked to do: immutable, changed NUKE-style (<c>s =&gt; s.SetImages(…).SetMode(…)</c>).
/// Where it happens (environment, docker config, endpoints, credentials, logger) comes from the build's <see cref="Context.OperationContext"/>.
/// </summary>
public sealed record EnsureDockerAuthSettings
{
    /// <summary>The images the build will push or pull: their hosts get credentials, their repositories are preflighted.</summary>
    public ImmutableArray<ImageReference> Images { get; init; } = [];

    /// <summary>Further registry hosts that need credentials without a preflight (e.g. a base image's host).</summary>
    public ImmutableArray<string> ExtraHosts { get; init; } = [];

    /// <summary>How docker gets credentials; default <see cref="DockerAuthMode.Auto"/>.</summary>
    public DockerAuthMode Mode { get; init; } = DockerAuthMode.Auto;

    /// <summary>Whether to ask Artifact Registry for the needed permissions first (on by default).</summary>
    public bool AccessPreflight { get; init; } = true;

    /// <summary>What the build will do, deciding the permissions checked.</summary>
    public AccessNeeds AccessNeeds { get; init; } = AccessNeeds.Push;

    /// <summary>Create a missing repository (DOCKER format) when the principal may.</summary>
    public bool CreateRepositoryIfMissing { get; init; }

    /// <summary>Where AccessToken mode logs docker in; default: a new private temporary directory, deleted with the session.</summary>
    public string? SessionDirectory { get; init; }

    /// <summary>How long to wait for another build holding the docker config lock.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
