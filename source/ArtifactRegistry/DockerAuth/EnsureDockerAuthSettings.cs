using System.Collections.Immutable;
using ArtifactRegistry.Access;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Processes;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArtifactRegistry.DockerAuth;

/// <summary>
/// Settings of <see cref="EnsureDockerAuth"/>: immutable, changed NUKE-style (<c>s =&gt; s.SetImages(…).SetMode(…)</c>).
/// </summary>
public sealed record EnsureDockerAuthSettings
{
    /// <summary>The images the build will push or pull: their hosts get credentials, their repositories are preflighted.</summary>
    public ImmutableArray<ImageReference> Images { get; init; } = [];

    /// <summary>Further registry hosts that need credentials without a preflight (e.g. a base image's host).</summary>
    public ImmutableArray<string> ExtraHosts { get; init; } = [];

    public DockerAuthMode Mode { get; init; } = DockerAuthMode.Auto;

    /// <summary>Whether to ask Artifact Registry for the needed permissions first (on by default).</summary>
    public bool AccessPreflight { get; init; } = true;

    /// <summary>What the build will do, deciding the permissions checked.</summary>
    public AccessNeeds AccessNeeds { get; init; } = AccessNeeds.Push;

    /// <summary>Create a missing repository (DOCKER format) when the principal may.</summary>
    public bool CreateRepositoryIfMissing { get; init; }

    /// <summary>The docker config directory to configure; default: <c>DOCKER_CONFIG</c>, else <c>~/.docker</c>.</summary>
    public string? DockerConfigDirectory { get; init; }

    /// <summary>Where AccessToken mode logs docker in; default: a new private temporary directory, deleted with the session.</summary>
    public string? SessionDirectory { get; init; }

    /// <summary>Environment overrides for docker, its helpers and the credential lookups (e.g. <c>CLOUDSDK_CONFIG</c>, <c>DOCKER_HOST</c>).</summary>
    public ImmutableDictionary<string, string?> EnvironmentVariables { get; init; } = ImmutableDictionary<string, string?>.Empty;

    /// <summary>The home directory for <c>~/.docker</c> and <c>~/.config/gcloud</c>; default: the user's.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>An explicit token source for AccessToken mode (default: Application Default Credentials).</summary>
    public IAccessTokenSource? AccessTokenSource { get; init; }

    /// <summary>Where docker really talks per canonical host; default: <c>ARTIFACT_REGISTRY_HOST_MAP</c>.</summary>
    public RegistryHostMap? HostMap { get; init; }

    /// <summary>The REST service root; default: <c>CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY</c>, else Google's.</summary>
    public Uri? ArtifactRegistryEndpoint { get; init; }

    /// <summary>Where a bare token's owner is looked up; default: <c>ARTIFACT_REGISTRY_TOKENINFO_URL</c>, else the sandbox's (<c>ARTIFACT_REGISTRY_SANDBOX</c>), else Google's tokeninfo.</summary>
    public Uri? TokenInfoEndpoint { get; init; }

    /// <summary>How long to wait for another build holding the docker config lock.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public IProcessRunner ProcessRunner { get; init; } = Processes.ProcessRunner.Default;

    public ILogger Logger { get; init; } = NullLogger.Instance;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The HTTP handler for REST and token calls (tests, proxies).</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>A variable as docker and its helpers will see it: the override, else this process's environment.</summary>
    internal string? Variable(string name) =>
        EnvironmentVariables.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name);

    internal string Home => HomeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>Application Default Credentials as docker's environment and home would find them.</summary>
    internal ApplicationDefaultCredentialsOptions ApplicationDefaultCredentialsOptions => new()
    {
        Environment = Variable,
        HomeDirectory = Home,
        Time = Time,
    };

    /// <summary>A client of the REST service these settings point at, authenticated with <paramref name="tokens"/>.</summary>
    internal ArtifactRegistryClient CreateRestClient(IAccessTokenSource tokens) => new(tokens, new ArtifactRegistryClientOptions
    {
        ApiRoot = ArtifactRegistryEndpoint ?? Registry.ArtifactRegistryEndpoint.FromEnvironment(Variable),
        Handler = HttpHandler,
        Logger = Logger,
        Time = Time,
    });
}
