using System.Diagnostics.Contracts;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Processes;
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

    [Pure]
    public static BuildAndPushSettings SetDocker(this BuildAndPushSettings settings, DockerClient docker)
    {
        ArgumentNullException.ThrowIfNull(docker);
        return settings with { Docker = docker };
    }

    /// <summary><c>DOCKER_HOST</c> for every docker command of the operation.</summary>
    [Pure]
    public static BuildAndPushSettings SetDockerHost(this BuildAndPushSettings settings, string? host) => settings with { Docker = settings.Docker.WithHost(host) };

    /// <summary><c>DOCKER_CONFIG</c> for every docker command of the operation.</summary>
    [Pure]
    public static BuildAndPushSettings SetDockerConfigDirectory(this BuildAndPushSettings settings, string? directory) =>
        settings with { Docker = settings.Docker.WithConfigDirectory(directory) };

    [Pure]
    public static BuildAndPushSettings EnableDockerAuth(this BuildAndPushSettings settings) => settings with { DockerAuth = true };

    /// <summary>Skips making sure of docker's credentials (when the job logged docker in some other way).</summary>
    [Pure]
    public static BuildAndPushSettings DisableDockerAuth(this BuildAndPushSettings settings) => settings with { DockerAuth = false };

    [Pure]
    public static BuildAndPushSettings EnableAccessPreflight(this BuildAndPushSettings settings) => settings with { AccessPreflight = true };

    [Pure]
    public static BuildAndPushSettings DisableAccessPreflight(this BuildAndPushSettings settings) => settings with { AccessPreflight = false };

    [Pure]
    public static BuildAndPushSettings EnableRegistryVerification(this BuildAndPushSettings settings) => settings with { RegistryVerification = true };

    /// <summary>Trusts docker's digest line without asking the registry (no REST credentials needed).</summary>
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
    public static BuildAndPushSettings SetLogger(this BuildAndPushSettings settings, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return settings with { Logger = logger };
    }

    [Pure]
    public static BuildAndPushSettings SetDockerOutputLogLevel(this BuildAndPushSettings settings, LogLevel level) => settings with { DockerOutputLogLevel = level };

    [Pure]
    public static BuildAndPushSettings SetProcessRunner(this BuildAndPushSettings settings, IProcessRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return settings with { ProcessRunner = runner };
    }
}
