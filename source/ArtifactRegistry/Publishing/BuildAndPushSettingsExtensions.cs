using System.Diagnostics.Contracts;
using ArtifactRegistry.DockerAuth;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Publishing;

/// <summary>NUKE-style fluent changes of <see cref="BuildAndPushSettings"/>; each returns a changed copy.</summary>
public static class BuildAndPushSettingsExtensions
{
    /// <summary>The canonical image reference, e.g. <c>asia-docker.pkg.dev/my-project/my-repo/app</c>.</summary>
    [Pure]
    public static BuildAndPushSettings SetImage(this BuildAndPushSettings settings, string image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        return settings with { Image = image };
    }

    /// <summary>Replaces the tags; the default tags (commit id and <c>latest</c>) are then not used.</summary>
    [Pure]
    public static BuildAndPushSettings SetTags(this BuildAndPushSettings settings, params string[] tags) => settings with { Tags = [.. tags] };

    /// <inheritdoc cref="SetTags(BuildAndPushSettings, string[])"/>
    [Pure]
    public static BuildAndPushSettings SetTags(this BuildAndPushSettings settings, IEnumerable<string> tags) => settings with { Tags = [.. tags] };

    /// <summary>Adds to <see cref="BuildAndPushSettings.Tags"/>; any explicit tag replaces the default ones.</summary>
    [Pure]
    public static BuildAndPushSettings AddTags(this BuildAndPushSettings settings, params string[] tags) => settings with { Tags = settings.Tags.AddRange(tags) };

    /// <summary>Removes a tag from <see cref="BuildAndPushSettings.Tags"/>.</summary>
    [Pure]
    public static BuildAndPushSettings RemoveTag(this BuildAndPushSettings settings, string tag) => settings with { Tags = settings.Tags.Remove(tag) };

    /// <summary>Back to the default tags.</summary>
    [Pure]
    public static BuildAndPushSettings ClearTags(this BuildAndPushSettings settings) => settings with { Tags = [] };

    /// <summary>Replaces <see cref="BuildAndPushSettings.Platforms"/>: several (<c>linux/amd64</c>, <c>linux/arm64</c>) push one image index over them.</summary>
    [Pure]
    public static BuildAndPushSettings SetPlatforms(this BuildAndPushSettings settings, params string[] platforms) => settings with { Platforms = [.. platforms] };

    /// <inheritdoc cref="SetPlatforms(BuildAndPushSettings, string[])"/>
    [Pure]
    public static BuildAndPushSettings SetPlatforms(this BuildAndPushSettings settings, IEnumerable<string> platforms) => settings with { Platforms = [.. platforms] };

    /// <summary>Adds to <see cref="BuildAndPushSettings.Platforms"/>.</summary>
    [Pure]
    public static BuildAndPushSettings AddPlatforms(this BuildAndPushSettings settings, params string[] platforms) => settings with { Platforms = settings.Platforms.AddRange(platforms) };

    /// <summary>Removes a platform from <see cref="BuildAndPushSettings.Platforms"/>.</summary>
    [Pure]
    public static BuildAndPushSettings RemovePlatform(this BuildAndPushSettings settings, string platform) => settings with { Platforms = settings.Platforms.Remove(platform) };

    /// <summary>Back to one platform (<see cref="Docker.ImageBuildSettings.Platform"/>, or the engine's).</summary>
    [Pure]
    public static BuildAndPushSettings ClearPlatforms(this BuildAndPushSettings settings) => settings with { Platforms = [] };

    /// <summary>Points the binfmt check at another folder than the kernel's (tests).</summary>
    [Pure]
    internal static BuildAndPushSettings SetBinfmtDirectory(this BuildAndPushSettings settings, string directory) => settings with { BinfmtDirectory = directory };

    /// <summary>Adds git tags of a clean HEAD to the tags (the default); see <see cref="BuildAndPushSettings.GitTagsOnHead"/>.</summary>
    [Pure]
    public static BuildAndPushSettings EnableGitTagsOnHead(this BuildAndPushSettings settings) => settings with { GitTagsOnHead = true };

    /// <summary>Leaves git tags out of the tags; see <see cref="BuildAndPushSettings.GitTagsOnHead"/>.</summary>
    [Pure]
    public static BuildAndPushSettings DisableGitTagsOnHead(this BuildAndPushSettings settings) => settings with { GitTagsOnHead = false };

    /// <summary>Sets <see cref="BuildAndPushSettings.GitDirectory"/> (default null: the build context).</summary>
    [Pure]
    public static BuildAndPushSettings SetGitDirectory(this BuildAndPushSettings settings, string? directory) => settings with { GitDirectory = directory };

    /// <summary>The docker CLI to run (a name on PATH or a path).</summary>
    [Pure]
    public static BuildAndPushSettings SetDockerProgram(this BuildAndPushSettings settings, string program)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        return settings with { DockerProgram = program };
    }

    /// <summary>Changes how EnsureDockerAuth runs (mode, access needs, preflight…).</summary>
    [Pure]
    public static BuildAndPushSettings SetDockerAuthSettings(this BuildAndPushSettings settings, Func<EnsureDockerAuthSettings, EnsureDockerAuthSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return settings with { DockerAuthSettings = configure(settings.DockerAuthSettings) };
    }

    /// <summary>Runs EnsureDockerAuth before the build (the default); see <see cref="BuildAndPushSettings.DockerAuth"/>.</summary>
    [Pure]
    public static BuildAndPushSettings EnableDockerAuth(this BuildAndPushSettings settings) => settings with { DockerAuth = true };

    /// <summary>Skips EnsureDockerAuth (when the job logged docker in some other way); the access preflight, part of it, is skipped too.</summary>
    [Pure]
    public static BuildAndPushSettings DisableDockerAuth(this BuildAndPushSettings settings) => settings with { DockerAuth = false };

    /// <summary>Uses a docker auth session an earlier step opened (<see cref="DockerAuth.EnsureDockerAuthResult.Session"/>) instead of running EnsureDockerAuth.</summary>
    [Pure]
    public static BuildAndPushSettings SetDockerAuthSession(this BuildAndPushSettings settings, DockerAuthSession? session) => settings with { DockerAuthSession = session };

    /// <summary>Keeps the docker auth session BuildAndPush opens for later steps; the caller disposes <see cref="BuildAndPushResult.DockerAuthSession"/>.</summary>
    [Pure]
    public static BuildAndPushSettings SetKeepDockerAuthSession(this BuildAndPushSettings settings, bool keep) => settings with { KeepDockerAuthSession = keep };

    /// <summary>Turns EnsureDockerAuth's access preflight on (the default); see <see cref="EnsureDockerAuthSettings.AccessPreflight"/>.</summary>
    [Pure]
    public static BuildAndPushSettings EnableAccessPreflight(this BuildAndPushSettings settings) =>
        settings.SetDockerAuthSettings(auth => auth.EnableAccessPreflight());

    /// <summary>Turns EnsureDockerAuth's access preflight off; see <see cref="EnsureDockerAuthSettings.AccessPreflight"/>.</summary>
    [Pure]
    public static BuildAndPushSettings DisableAccessPreflight(this BuildAndPushSettings settings) =>
        settings.SetDockerAuthSettings(auth => auth.DisableAccessPreflight());

    /// <summary>Confirms every pushed tag's digest with the registry (the default); see <see cref="BuildAndPushSettings.RegistryVerification"/>.</summary>
    [Pure]
    public static BuildAndPushSettings EnableRegistryVerification(this BuildAndPushSettings settings) => settings with { RegistryVerification = true };

    /// <summary>Trusts docker's digest line without asking the registry (no REST credentials needed; the result has no image size).</summary>
    [Pure]
    public static BuildAndPushSettings DisableRegistryVerification(this BuildAndPushSettings settings) => settings with { RegistryVerification = false };

    /// <summary>Sets <see cref="BuildAndPushSettings.PushAttempts"/> (default 4, at least 1) and <see cref="BuildAndPushSettings.PushRetryDelay"/> (default 2 s); throws <see cref="ArgumentOutOfRangeException"/> outside those bounds.</summary>
    [Pure]
    public static BuildAndPushSettings SetPushRetries(this BuildAndPushSettings settings, int attempts, TimeSpan firstDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstDelay, TimeSpan.Zero);
        return settings with { PushAttempts = attempts, PushRetryDelay = firstDelay };
    }

    /// <summary>Sets <see cref="BuildAndPushSettings.DockerOutputLogLevel"/> (default <see cref="LogLevel.Debug"/>).</summary>
    [Pure]
    public static BuildAndPushSettings SetDockerOutputLogLevel(this BuildAndPushSettings settings, LogLevel level) => settings with { DockerOutputLogLevel = level };
}
