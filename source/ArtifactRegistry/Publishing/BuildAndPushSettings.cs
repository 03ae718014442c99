using System.Collections.Immutable;
using ArtifactRegistry.Docker;
using ArtifactRegistry.DockerAuth;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Publishing;

/// <summary>
/// One build-and-push: the image (<c>LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE</c>), its tags, how to build it
/// (the <see cref="ImageBuildSettings"/> it extends) and how EnsureDockerAuth runs first (<see cref="DockerAuthSettings"/>).
/// Where it happens (environment, docker config, host map, endpoints, credentials, logger) comes from the build's
/// <see cref="Context.OperationContext"/>.
/// Immutable; change it with the fluent methods of <see cref="BuildAndPushSettingsExtensions"/> and <see cref="ImageBuildSettingsExtensions"/>.
/// </summary>
public sealed record BuildAndPushSettings : ImageBuildSettings
{
    /// <summary>
    /// The image to push, canonical (<c>asia-docker.pkg.dev/my-project/my-repo/app</c>) even where a host map sends docker elsewhere; validated before
    /// anything else. A tag written here counts as an explicit tag; a digest is refused (a push cannot choose its digest).
    /// </summary>
    public string? Image { get; init; }

    /// <summary>Explicit tags; empty means the default ones (short commit id, <c>-dirty</c> with local changes, and <c>latest</c>).</summary>
    public ImmutableList<string> Tags { get; init; } = [];

    /// <summary>
    /// The platforms to build (<c>linux/amd64</c>, <c>linux/arm64</c>…). Empty builds <see cref="ImageBuildSettings.Platform"/> (or the
    /// engine's); one entry builds that platform as <see cref="ImageBuildSettings.Platform"/> does; several build each one separately
    /// and push one OCI image index over them under every tag. When not empty it wins over <see cref="ImageBuildSettings.Platform"/>.
    /// </summary>
    public ImmutableList<string> Platforms { get; init; } = [];

    /// <summary>Where the kernel lists its binfmt_misc interpreters, read to check that a foreign platform's RUN steps can run.</summary>
    internal string BinfmtDirectory { get; init; } = "/proc/sys/fs/binfmt_misc";

    /// <summary>Whether git tags pointing at a clean HEAD are added to the tags.</summary>
    public bool GitTagsOnHead { get; init; } = true;

    /// <summary>The folder git is asked about; null means the build context.</summary>
    public string? GitDirectory { get; init; }

    /// <summary>The docker CLI: a name looked up on PATH, or a path.</summary>
    public string DockerProgram { get; init; } = "docker";

    /// <summary>Whether EnsureDockerAuth runs for the image's host before the build (opt-out, e.g. when the job logged docker in itself).</summary>
    public bool DockerAuth { get; init; } = true;

    /// <summary>How EnsureDockerAuth runs before the build: mode, access preflight (on by default)…; its images are set by BuildAndPush.</summary>
    public EnsureDockerAuthSettings DockerAuthSettings { get; init; } = new();

    /// <summary>A docker auth session an earlier step of the build opened; when set, BuildAndPush uses it instead of running EnsureDockerAuth.</summary>
    public DockerAuthSession? DockerAuthSession { get; init; }

    /// <summary>
    /// A docker auth session still being opened (Deploy runs EnsureDockerAuth while BuildAndPush checks git and the engine); it is
    /// awaited when the registry is first needed and used like <see cref="DockerAuthSession"/>.
    /// </summary>
    internal Task<DockerAuthSession>? PendingDockerAuthSession { get; init; }

    /// <summary>
    /// Whether a session BuildAndPush opens stays open for later steps (returned in <see cref="BuildAndPushResult.DockerAuthSession"/>,
    /// which the caller then disposes); by default it is closed, and a build-scoped login deleted, when BuildAndPush ends.
    /// A BuildAndPush that fails closes it either way.
    /// </summary>
    public bool KeepDockerAuthSession { get; init; }

    /// <summary>Whether every pushed tag is looked up in the registry (REST <c>tags.get</c>) and must resolve to the pushed digest (opt-out).</summary>
    public bool RegistryVerification { get; init; } = true;

    /// <summary>docker push runs per tag at most, the first included; transient failures (5xx, 429, reset connections) use them up.</summary>
    public int PushAttempts { get; init; } = 4;

    /// <summary>
    /// The wait after the first failed push attempt; it doubles after each further one (at most 16 s), and each wait is cut to a
    /// random share between half and all of it, as the REST client's <see cref="Registry.RetryPolicy"/> does, so parallel builds
    /// do not retry in lockstep.
    /// </summary>
    public TimeSpan PushRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The level docker's own output lines are logged at; step summaries are logged at Information.</summary>
    public LogLevel DockerOutputLogLevel { get; init; } = LogLevel.Debug;

    /// <summary>The record's text shows the tags' contents and the docker auth switches rather than type names.</summary>
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Image = {Image}, Tags = [{string.Join(", ", Tags)}], Platforms = [{string.Join(", ", Platforms)}], GitTagsOnHead = {GitTagsOnHead}, ");
        base.PrintMembers(builder);
        builder.Append($", DockerAuth = {DockerAuth}, AccessPreflight = {DockerAuthSettings.AccessPreflight}, RegistryVerification = {RegistryVerification}, PushAttempts = {PushAttempts}");
        return true;
    }
}
