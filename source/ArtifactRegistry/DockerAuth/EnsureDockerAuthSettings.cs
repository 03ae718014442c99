using System.Collections.Immutable;
using System.Diagnostics.Contracts;
using ArtifactRegistry.Access;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Processes;
using ArtifactRegistry.References;
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

    /// <summary>Where a bare token's owner is looked up; default: <c>ARTIFACT_REGISTRY_TOKENINFO_URL</c>, else Google's tokeninfo.</summary>
    public Uri? TokenInfoEndpoint { get; init; }

    /// <summary>How long to wait for another build holding the docker config lock.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public IProcessRunner ProcessRunner { get; init; } = Processes.ProcessRunner.Default;

    public ILogger Logger { get; init; } = NullLogger.Instance;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The HTTP handler for REST and token calls (tests, proxies).</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    [Pure] public EnsureDockerAuthSettings SetImages(params ImageReference[] images) => this with { Images = [.. images] };

    [Pure] public EnsureDockerAuthSettings SetImages(IEnumerable<ImageReference> images) => this with { Images = [.. images] };

    /// <summary>Parses and validates each reference (a missing REPOSITORY segment is refused here, with the fix).</summary>
    [Pure] public EnsureDockerAuthSettings SetImages(params string[] images) => this with { Images = [.. images.Select(ImageReference.Parse)] };

    [Pure] public EnsureDockerAuthSettings AddImages(params ImageReference[] images) => this with { Images = Images.AddRange(images) };

    [Pure] public EnsureDockerAuthSettings AddImages(params string[] images) => this with { Images = Images.AddRange(images.Select(ImageReference.Parse)) };

    [Pure] public EnsureDockerAuthSettings ResetImages() => this with { Images = [] };

    [Pure] public EnsureDockerAuthSettings AddExtraHosts(params string[] hosts) => this with { ExtraHosts = ExtraHosts.AddRange(hosts) };

    [Pure] public EnsureDockerAuthSettings ResetExtraHosts() => this with { ExtraHosts = [] };

    [Pure] public EnsureDockerAuthSettings SetMode(DockerAuthMode mode) => this with { Mode = mode };

    [Pure] public EnsureDockerAuthSettings EnableAccessPreflight() => this with { AccessPreflight = true };

    [Pure] public EnsureDockerAuthSettings DisableAccessPreflight() => this with { AccessPreflight = false };

    [Pure] public EnsureDockerAuthSettings SetAccessNeeds(AccessNeeds needs) => this with { AccessNeeds = needs };

    [Pure] public EnsureDockerAuthSettings EnableCreateRepositoryIfMissing() => this with { CreateRepositoryIfMissing = true };

    [Pure] public EnsureDockerAuthSettings DisableCreateRepositoryIfMissing() => this with { CreateRepositoryIfMissing = false };

    [Pure] public EnsureDockerAuthSettings SetDockerConfigDirectory(string? directory) => this with { DockerConfigDirectory = directory };

    [Pure] public EnsureDockerAuthSettings SetSessionDirectory(string? directory) => this with { SessionDirectory = directory };

    [Pure] public EnsureDockerAuthSettings SetEnvironmentVariable(string name, string? value) => this with { EnvironmentVariables = EnvironmentVariables.SetItem(name, value) };

    [Pure] public EnsureDockerAuthSettings SetEnvironmentVariables(IEnumerable<KeyValuePair<string, string>> variables) =>
        this with { EnvironmentVariables = EnvironmentVariables.SetItems(variables.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value))) };

    [Pure] public EnsureDockerAuthSettings ResetEnvironmentVariables() => this with { EnvironmentVariables = ImmutableDictionary<string, string?>.Empty };

    [Pure] public EnsureDockerAuthSettings SetHomeDirectory(string? directory) => this with { HomeDirectory = directory };

    [Pure] public EnsureDockerAuthSettings SetAccessTokenSource(IAccessTokenSource? source) => this with { AccessTokenSource = source };

    [Pure] public EnsureDockerAuthSettings SetHostMap(RegistryHostMap? map) => this with { HostMap = map };

    [Pure] public EnsureDockerAuthSettings SetArtifactRegistryEndpoint(Uri? endpoint) => this with { ArtifactRegistryEndpoint = endpoint };

    [Pure] public EnsureDockerAuthSettings SetTokenInfoEndpoint(Uri? endpoint) => this with { TokenInfoEndpoint = endpoint };

    [Pure] public EnsureDockerAuthSettings SetLockTimeout(TimeSpan timeout) => this with { LockTimeout = timeout };

    [Pure] public EnsureDockerAuthSettings SetProcessRunner(IProcessRunner runner) => this with { ProcessRunner = runner };

    [Pure] public EnsureDockerAuthSettings SetLogger(ILogger? logger) => this with { Logger = logger ?? NullLogger.Instance };

    [Pure] public EnsureDockerAuthSettings SetTime(TimeProvider time) => this with { Time = time };

    [Pure] public EnsureDockerAuthSettings SetHttpHandler(HttpMessageHandler? handler) => this with { HttpHandler = handler };

    /// <summary>A variable as docker and its helpers will see it: the override, else this process's environment.</summary>
    internal string? Variable(string name) =>
        EnvironmentVariables.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name);

    internal string Home => HomeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
