using System.Collections.Immutable;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArtifactRegistry.Publishing;

/// <summary>
/// One build-and-push: the image (<c>LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE</c>), its tags, and how to build it
/// (the <see cref="DockerBuildSettings"/> it extends). Immutable; change it with the fluent methods of
/// <see cref="BuildAndPushSettingsExtensions"/> and <see cref="DockerBuildSettingsExtensions"/>.
/// </summary>
public sealed record BuildAndPushSettings : DockerBuildSettings
{
    /// <summary>
    /// The image to push, canonical (<c>asia-docker.pkg.dev/my-project/my-repo/app</c>) even against the sandbox; validated before
    /// anything else. A tag written here counts as an explicit tag; a digest is refused (a push cannot choose its digest).
    /// </summary>
    public string? Image { get; init; }

    /// <summary>Explicit tags; empty means the default ones (short commit id, <c>-dirty</c> with local changes, and <c>latest</c>).</summary>
    public ImmutableList<string> Tags { get; init; } = [];

    /// <summary>Whether git tags pointing at a clean HEAD are added to the tags.</summary>
    public bool GitTagsOnHead { get; init; } = true;

    /// <summary>The folder git is asked about; null means the build context.</summary>
    public string? GitDirectory { get; init; }

    /// <summary>Which docker CLI, engine and client config to use.</summary>
    public DockerClient Docker { get; init; } = DockerClient.Default;

    /// <summary>Whether the docker credentials for the registry host are made sure of before the build (opt-out).</summary>
    public bool DockerAuth { get; init; } = true;

    /// <summary>Whether the principal's permissions on the repository are checked before the build (opt-out).</summary>
    public bool AccessPreflight { get; init; } = true;

    /// <summary>Whether every pushed tag is looked up in the registry and must resolve to the pushed digest (opt-out).</summary>
    public bool RegistryVerification { get; init; } = true;

    /// <summary>docker push runs per tag at most, the first included; transient failures (5xx, 429, reset connections) use them up.</summary>
    public int PushAttempts { get; init; } = 4;

    /// <summary>The wait after the first failed push attempt; it doubles after each further one.</summary>
    public TimeSpan PushRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The level docker's own output lines are logged at; step summaries are logged at Information.</summary>
    public LogLevel DockerOutputLogLevel { get; init; } = LogLevel.Debug;

    /// <summary>Runs docker and git; tests and hosts may supply their own.</summary>
    public IProcessRunner ProcessRunner { get; init; } = Processes.ProcessRunner.Default;

    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Image = {Image}, Tags = [{string.Join(", ", Tags)}], GitTagsOnHead = {GitTagsOnHead}, ");
        base.PrintMembers(builder);
        builder.Append($", DockerAuth = {DockerAuth}, AccessPreflight = {AccessPreflight}, RegistryVerification = {RegistryVerification}, PushAttempts = {PushAttempts}");
        return true;
    }
}
