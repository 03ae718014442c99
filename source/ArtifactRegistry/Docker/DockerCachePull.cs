using System.Diagnostics;
using ArtifactRegistry.Hints;
using ArtifactRegistry.Processes;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Docker;

/// <summary>
/// Pulls the cache image for the legacy builder, which can use only images in the engine as <c>--cache-from</c>. A pull that fails
/// never fails the build: the build then simply runs without that cache. A missing image (the first build) is said in one line;
/// a refusal or another error is a warning with docker's words and the fix.
/// </summary>
internal sealed class DockerCachePull(IProcessRunner runner, ILogger logger, LogLevel outputLevel)
{
    /// <summary>docker's words when an index has no image for the platform asked for.</summary>
    internal const string NoPlatformMarker = "no matching manifest";

    /// <param name="platform">For one platform of a multi-platform build: the image of that platform, pulled from an index
    /// with <c>--platform</c> under the same name (each platform's build runs right after its pull).</param>
    /// <returns>Whether the image is now in the engine.</returns>
    public async Task<bool> RunAsync(DockerClient client, string image, CancellationToken cancellationToken, string? platform = null)
    {
        // An engine that kept the image (a developer's machine, a persistent runner, the rerun of a build) has its layers already:
        // asking the engine costs a few milliseconds where a pull asks the registry first.
        var local = await runner.ExecuteAsync(client.Command(arguments => arguments.Add("image").Add("inspect").Add("--format").Add("{{.Os}}/{{.Architecture}}").Add(image))
            .WithValidation(ProcessValidation.None), cancellationToken).ConfigureAwait(false);
        var named = platform is null ? image : $"{image} ({platform})";
        if (local.IsSuccess && (platform is null || SamePlatform(local.StandardOutput.Trim(), platform)))
        {
            logger.LogInformation("Build cache: {Image} is in the engine already; not pulled", named);
            return true;
        }

        var stopwatch = Stopwatch.StartNew();
        var command = client.Command(arguments =>
            {
                arguments.Add("pull").Add("--quiet");
                if (platform is not null)
                    arguments.Add("--platform").Add(platform);
                arguments.Add(image);
            })
            .WithLogger(logger)
            .WithOutputLogLevel(outputLevel, outputLevel)
            .WithValidation(ProcessValidation.None);
        var result = await runner.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            logger.LogInformation("Build cache: pulled {Image} in {Seconds:0.00} s", named, stopwatch.Elapsed.TotalSeconds);
            return true;
        }

        var errorLines = DockerErrorOutput.LastErrorLines(result.StandardError.Split('\n'));
        var said = errorLines.Count > 0 ? string.Join(" ", errorLines) : "(docker printed nothing)";
        switch (DockerCachePullFailures.Classify(result.StandardError))
        {
            case DockerCachePullFailure.Missing when platform is not null && result.StandardError.Contains(NoPlatformMarker, StringComparison.OrdinalIgnoreCase):
                logger.LogInformation("Build cache: {Image} has no {Platform} image yet (this push adds one): building {Platform} without a registry cache",
                    image, platform, platform);
                break;
            case DockerCachePullFailure.Missing:
                logger.LogInformation("Build cache: {Image} does not exist yet (the first build pushes it): building without a registry cache", named);
                break;
            case DockerCachePullFailure.Refused:
                logger.LogWarning(
                    "Build cache: the registry refused to let docker pull {Image}, so this build runs without the registry cache: {Error}. " +
                    "The account that pushes needs read access too (roles/artifactregistry.reader, included in roles/artifactregistry.writer); " +
                    "or name a cache image it may read with {CacheFrom}, or build without the cache with {NoCache}",
                    image, said, SettingNames.CacheFrom, SettingNames.NoCache.With("true"));
                break;
            default:
                logger.LogWarning(
                    "Build cache: `{Program} pull{Platform} {Image}` failed, so this build runs without the registry cache: {Error}. " +
                    "Run that command to see why, or build without the cache with {NoCache}",
                    client.Program, platform is null ? "" : $" --platform {platform}", image, said, SettingNames.NoCache.With("true"));
                break;
        }
        return false;
    }

    /// <summary>Whether docker's <c>os/architecture</c> is the build's platform; a variant (<c>linux/arm/v7</c>) is docker's to match.</summary>
    private static bool SamePlatform(string engine, string platform) =>
        string.Join('/', platform.Split('/').Take(2)).Equals(engine, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Why a cache image's pull failed, from docker's standard error.</summary>
internal enum DockerCachePullFailure
{
    /// <summary>The tag or repository does not exist: the first build.</summary>
    Missing,

    /// <summary>The registry refused: no credentials, or no read permission.</summary>
    Refused,

    /// <summary>Anything else: the network, the engine, a malformed name.</summary>
    Other,
}

internal static class DockerCachePullFailures
{
    private static readonly string[] RefusedMarkers = ["denied", "unauthorized", "unauthenticated", "no basic auth credentials", "forbidden", "403"];
    private static readonly string[] MissingMarkers = ["manifest unknown", "not found", "name unknown", DockerCachePull.NoPlatformMarker];

    public static DockerCachePullFailure Classify(string standardError)
    {
        // Artifact Registry answers "denied … (or it may not exist)" for a repository it will not show: a refusal, checked first.
        if (RefusedMarkers.Any(marker => standardError.Contains(marker, StringComparison.OrdinalIgnoreCase)))
            return DockerCachePullFailure.Refused;
        return MissingMarkers.Any(marker => standardError.Contains(marker, StringComparison.OrdinalIgnoreCase))
            ? DockerCachePullFailure.Missing
            : DockerCachePullFailure.Other;
    }
}
