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

    [Pure]
    public static BuildAndPushSettings SetTags(this BuildAndPushSettings settings, IEnumerable<string> tags) => settings with { Tags = [.. tags] };

    [Pure]
    public static BuildAndPushSettings AddTags(this BuildAndPushSettings settings, params string[] tags) => settings with { Tags = settings.Tags.AddRange(tags) };

    [Pure]
    public static BuildAndPushSettings RemoveTag(this BuildAndPushSettings settings, string tag) => settings with { Tags = settings.Tags.Remove(tag) };

    /// <summary>Back to the default tags.</summary>
    [Pure]
    public static BuildAndPushSettings ClearTags(this BuildAndPushSettings settings) => settings with { Tags = [] };

    [Pure]
    public static BuildAndPushSettings EnableGitTagsOnHead(this BuildAndPushSettings settings) => settings with { GitTagsOnHead = true };

    [Pure]
    public static BuildAndPushSettings DisableGitTagsOnHead(this BuildAndPushSettings settings) => settings with { GitTagsOnHead = false };

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

    [Pure]
    public static BuildAndPushSettings EnableDockerAuth(this BuildAndPushSettings settings) => settings with { DockerAuth = true };

    /// <summary>Skips EnsureDockerAuth (when the job logged docker in some other way); the access preflight, part of it, is skipped too.</summary>
    [Pure]
    public static BuildAndPushSettings DisableDockerAuth(this BuildAndPushSettings settings) => settings with { DockerAuth = false };

    /// <summary>Uses a docker auth session an earlier step opened (NUKE: <c>ArtifactRegistryTasks.DockerAuth</c>) instead of running EnsureDockerAuth.</summary>
    [Pure]
    public static BuildAndPushSettings SetDockerAuthSession(this BuildAndPushSettings settings, DockerAuthSession? session) => settings with { DockerAuthSession = session };

    /// <summary>Keeps the docker auth session BuildAndPush opens for later steps; the caller disposes <see cref="BuildAndPushResult.DockerAuthSession"/>.</summary>
    [Pure]
    public static BuildAndPushSettings SetKeepDockerAuthSession(this BuildAndPushSettings settings, bool keep) => settings with { KeepDockerAuthSession = keep };

    [Pure]
    public static BuildAndPushSettings EnableAccessPreflight(this BuildAndPushSettings settings) =>
        settings.SetDockerAuthSettings(auth => auth.EnableAccessPreflight());

    [Pure]
    public static BuildAndPushSettings DisableAccessPreflight(this BuildAndPushSettings settings) =>
        settings.SetDockerAuthSettings(auth => auth.DisableAccessPreflight());

    [Pure]
    public static BuildAndPushSettings EnableRegistryVerification(this BuildAndPushSettings settings) => settings with { RegistryVerification = true };

    /// <summary>Trusts docker's digest line without asking the registry (no REST credentials needed; the result has no image size).</summary>
    [Pure]
    public static BuildAndPushSettings DisableRegistryVerification(this BuildAndPushSettings settings) => settings with { RegistryVerification = false };

    [Pure]
    public static BuildAndPushSettings SetPushRetries(this BuildAndPushSettings settings, int attempts, TimeSpan firstDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstDelay, TimeSpan.Zero);
        return settings with { PushAttempts = attempts, PushRetryDelay = firstDelay };
    }

    [Pure]
    public static BuildAndPushSettings SetDockerOutputLogLevel(this BuildAndPushSettings settings, LogLevel level) => settings with { DockerOutputLogLevel = level };
}
