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

/// <summary>NUKE-style fluent changes of <see cref="EnsureDockerAuthSettings"/>; each returns a changed copy.</summary>
public static class EnsureDockerAuthSettingsExtensions
{
    [Pure]
    public static EnsureDockerAuthSettings SetImages(this EnsureDockerAuthSettings settings, params ImageReference[] images) => settings with { Images = [.. images] };

    [Pure]
    public static EnsureDockerAuthSettings SetImages(this EnsureDockerAuthSettings settings, IEnumerable<ImageReference> images) => settings with { Images = [.. images] };

    /// <summary>Parses and validates each reference (a missing REPOSITORY segment is refused here, with the fix).</summary>
    [Pure]
    public static EnsureDockerAuthSettings SetImages(this EnsureDockerAuthSettings settings, params string[] images) => settings with { Images = [.. images.Select(ImageReference.Parse)] };

    [Pure]
    public static EnsureDockerAuthSettings AddImages(this EnsureDockerAuthSettings settings, params ImageReference[] images) => settings with { Images = settings.Images.AddRange(images) };

    [Pure]
    public static EnsureDockerAuthSettings AddImages(this EnsureDockerAuthSettings settings, params string[] images) => settings with { Images = settings.Images.AddRange(images.Select(ImageReference.Parse)) };

    [Pure]
    public static EnsureDockerAuthSettings ResetImages(this EnsureDockerAuthSettings settings) => settings with { Images = [] };

    [Pure]
    public static EnsureDockerAuthSettings AddExtraHosts(this EnsureDockerAuthSettings settings, params string[] hosts) => settings with { ExtraHosts = settings.ExtraHosts.AddRange(hosts) };

    [Pure]
    public static EnsureDockerAuthSettings ResetExtraHosts(this EnsureDockerAuthSettings settings) => settings with { ExtraHosts = [] };

    [Pure]
    public static EnsureDockerAuthSettings SetMode(this EnsureDockerAuthSettings settings, DockerAuthMode mode) => settings with { Mode = mode };

    [Pure]
    public static EnsureDockerAuthSettings EnableAccessPreflight(this EnsureDockerAuthSettings settings) => settings with { AccessPreflight = true };

    [Pure]
    public static EnsureDockerAuthSettings DisableAccessPreflight(this EnsureDockerAuthSettings settings) => settings with { AccessPreflight = false };

    [Pure]
    public static EnsureDockerAuthSettings SetAccessNeeds(this EnsureDockerAuthSettings settings, AccessNeeds needs) => settings with { AccessNeeds = needs };

    [Pure]
    public static EnsureDockerAuthSettings SetAccessPreflight(this EnsureDockerAuthSettings settings, bool enabled) => settings with { AccessPreflight = enabled };

    [Pure]
    public static EnsureDockerAuthSettings SetCreateRepositoryIfMissing(this EnsureDockerAuthSettings settings, bool enabled) => settings with { CreateRepositoryIfMissing = enabled };

    [Pure]
    public static EnsureDockerAuthSettings EnableCreateRepositoryIfMissing(this EnsureDockerAuthSettings settings) => settings with { CreateRepositoryIfMissing = true };

    [Pure]
    public static EnsureDockerAuthSettings DisableCreateRepositoryIfMissing(this EnsureDockerAuthSettings settings) => settings with { CreateRepositoryIfMissing = false };

    [Pure]
    public static EnsureDockerAuthSettings SetDockerConfigDirectory(this EnsureDockerAuthSettings settings, string? directory) => settings with { DockerConfigDirectory = directory };

    [Pure]
    public static EnsureDockerAuthSettings SetSessionDirectory(this EnsureDockerAuthSettings settings, string? directory) => settings with { SessionDirectory = directory };

    [Pure]
    public static EnsureDockerAuthSettings SetEnvironmentVariable(this EnsureDockerAuthSettings settings, string name, string? value) => settings with { EnvironmentVariables = settings.EnvironmentVariables.SetItem(name, value) };

    [Pure]
    public static EnsureDockerAuthSettings SetEnvironmentVariables(this EnsureDockerAuthSettings settings, IEnumerable<KeyValuePair<string, string>> variables) =>
        settings with { EnvironmentVariables = settings.EnvironmentVariables.SetItems(variables.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value))) };

    [Pure]
    public static EnsureDockerAuthSettings ResetEnvironmentVariables(this EnsureDockerAuthSettings settings) => settings with { EnvironmentVariables = ImmutableDictionary<string, string?>.Empty };

    [Pure]
    public static EnsureDockerAuthSettings SetHomeDirectory(this EnsureDockerAuthSettings settings, string? directory) => settings with { HomeDirectory = directory };

    [Pure]
    public static EnsureDockerAuthSettings SetAccessTokenSource(this EnsureDockerAuthSettings settings, IAccessTokenSource? source) => settings with { AccessTokenSource = source };

    [Pure]
    public static EnsureDockerAuthSettings SetHostMap(this EnsureDockerAuthSettings settings, RegistryHostMap? map) => settings with { HostMap = map };

    [Pure]
    public static EnsureDockerAuthSettings SetArtifactRegistryEndpoint(this EnsureDockerAuthSettings settings, Uri? endpoint) => settings with { ArtifactRegistryEndpoint = endpoint };

    [Pure]
    public static EnsureDockerAuthSettings SetTokenInfoEndpoint(this EnsureDockerAuthSettings settings, Uri? endpoint) => settings with { TokenInfoEndpoint = endpoint };

    [Pure]
    public static EnsureDockerAuthSettings SetLockTimeout(this EnsureDockerAuthSettings settings, TimeSpan timeout) => settings with { LockTimeout = timeout };

    [Pure]
    public static EnsureDockerAuthSettings SetProcessRunner(this EnsureDockerAuthSettings settings, IProcessRunner runner) => settings with { ProcessRunner = runner };

    [Pure]
    public static EnsureDockerAuthSettings SetLogger(this EnsureDockerAuthSettings settings, ILogger? logger) => settings with { Logger = logger ?? NullLogger.Instance };

    [Pure]
    public static EnsureDockerAuthSettings SetTime(this EnsureDockerAuthSettings settings, TimeProvider time) => settings with { Time = time };

    [Pure]
    public static EnsureDockerAuthSettings SetHttpHandler(this EnsureDockerAuthSettings settings, HttpMessageHandler? handler) => settings with { HttpHandler = handler };
}
