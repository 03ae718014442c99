using ArtifactRegistry.Docker;
using ArtifactRegistry.Hints;
using ArtifactRegistry.References;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Publishing;

/// <summary>
/// Decides a build's registry cache before it starts: off with <c>NoCache</c>; otherwise read from <c>CacheFrom</c>, else from
/// the registry cache <c>CacheTo</c> writes (buildx), else from the image's own <c>latest</c>, which every default push moves.
/// A repository with immutable tags has no tag that moves, so there the build reads no registry cache unless told which.
/// </summary>
internal static class BuildCacheChoice
{
    /// <param name="image">The image, without tag.</param>
    /// <param name="tags">The tags this push gives it (after the immutable-tag plan).</param>
    /// <param name="immutableTags">Whether the repository's tags are immutable.</param>
    /// <returns>Null when the build runs with <c>--no-cache</c>.</returns>
    public static BuildCache? Decide(
        ImageBuildSettings settings, BuildCacheClient client, ImageReference image, IReadOnlyList<string> tags, bool immutableTags,
        RegistryHostMap hostMap, ILogger logger)
    {
        if (settings.NoCache)
        {
            logger.LogInformation("Build cache: off (NoCache): no cache image is pulled or read, every step runs");
            return null;
        }

        var to = CacheDestination(settings.CacheTo, client, hostMap, logger);
        if (settings.CacheFrom is { } from)
            return new BuildCache(CacheSource(from, client, hostMap, logger), to, $"{SettingNames.CacheFrom.Property} {from}");
        if (to is not null && client is BuildCacheClient.Buildx && RegistryRef(to) is { } written)
            return new BuildCache($"type=registry,ref={written}", to, $"the registry cache {settings.CacheTo} writes");

        if (immutableTags)
        {
            logger.LogInformation(
                "Build cache: {Repository} has immutable tags, so no tag moves with each build to carry the cache: building without a registry cache. " +
                "Name an earlier image to read it from with {Setting}, e.g. the previous release's tag",
                image.RepositoryName, SettingNames.CacheFrom.With($"{image}:TAG"));
            return new BuildCache(null, to, "none");
        }

        var latest = image.WithTag(ImageTagPlan.LatestTag);
        var origin = tags.Contains(ImageTagPlan.LatestTag) ? "the image's latest, which this push moves" : "the image's latest";
        return new BuildCache(DockerName(latest, hostMap), to, origin);
    }

    /// <summary>
    /// The cache of a multi-platform build, whose platforms are built one after another: no registry export, since each platform's
    /// would overwrite the one before it under the same reference; each platform's image carries its cache inline instead.
    /// </summary>
    public static BuildCache? ForPlatformsBuiltApart(BuildCache? cache, ILogger logger)
    {
        if (cache?.To is not { } to || to == BuildCache.InlineCache)
            return cache;
        logger.LogWarning(
            "Build cache: {To} is not written for a multi-platform build, whose platforms are built one at a time and would overwrite one another's " +
            "cache there; each platform's image carries its cache inline instead, and the next build reads it from {From}",
            to, cache.From ?? "the image");
        return cache with { To = null };
    }

    /// <summary>An image reference, or with buildx a cache source of any type (<c>type=gha</c>, <c>type=local,src=…</c>).</summary>
    private static string? CacheSource(string text, BuildCacheClient client, RegistryHostMap hostMap, ILogger logger)
    {
        if (!text.Contains('=', StringComparison.Ordinal))
            return DockerName(ImageReference.Parse(text), hostMap);
        var mapped = MapRef(text, hostMap);
        if (client is BuildCacheClient.Buildx)
            return mapped;
        if (IsRegistryType(text) && RegistryRef(mapped) is { } image)
            return image;
        logger.LogWarning(
            "Build cache: {Source} is a buildx cache source, which this builder cannot read (it reads images only): building without a registry cache. " +
            "Give an image instead, {Setting}, or install buildx",
            text, SettingNames.CacheFrom.With("asia-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE:buildcache"));
        return null;
    }

    /// <summary>buildx's <c>--cache-to</c>: an image becomes a registry cache with every stage's layers (<c>mode=max</c>).</summary>
    private static string? CacheDestination(string? text, BuildCacheClient client, RegistryHostMap hostMap, ILogger logger)
    {
        if (text is null)
            return null;
        if (client is not BuildCacheClient.Buildx)
        {
            logger.LogWarning(
                "Build cache: {Setting} is set, but only buildx writes a cache apart from the image; this builder ignores it, and the pushed image " +
                "itself is the cache the next build reads (set {From} to the image it should read)",
                $"{SettingNames.CacheTo.Property} {text}", SettingNames.CacheFrom);
            return null;
        }
        return text.Contains('=', StringComparison.Ordinal)
            ? MapRef(text, hostMap)
            : $"type=registry,ref={DockerName(ImageReference.Parse(text), hostMap)},mode=max";
    }

    private static bool IsRegistryType(string spec) =>
        spec.Split(',').Any(part => part.Trim().Equals("type=registry", StringComparison.OrdinalIgnoreCase));

    private static string? RegistryRef(string spec) =>
        IsRegistryType(spec) && spec.Split(',').Select(part => part.Trim()).FirstOrDefault(part => part.StartsWith("ref=", StringComparison.Ordinal)) is { } reference
            ? reference["ref=".Length..]
            : null;

    /// <summary>The spec with its <c>ref=</c> image sent where the host map sends docker.</summary>
    private static string MapRef(string spec, RegistryHostMap hostMap) => string.Join(",", spec.Split(',').Select(part =>
        part.Trim() is var trimmed && trimmed.StartsWith("ref=", StringComparison.Ordinal)
            ? "ref=" + DockerName(ImageReference.Parse(trimmed["ref=".Length..]), hostMap)
            : part));

    private static string DockerName(ImageReference reference, RegistryHostMap hostMap)
    {
        var text = reference.ToString();
        return hostMap.Resolve(reference.Host) + text[reference.Host.Length..];
    }
}
