using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.References;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Publishing;

/// <summary>
/// Readies the build's registry cache once the registry session is open: decides it (<see cref="BuildCacheChoice"/>), checks that
/// buildx can write the cache it is told to, and pulls the legacy builder's cache image, leaving it out when the pull fails.
/// </summary>
internal sealed class BuildCachePreparation(OperationContext context, BuildAndPushSettings settings)
{
    /// <param name="tags">The tags this push gives the image (after the immutable-tag plan).</param>
    /// <returns>Null when the build runs with <c>--no-cache</c>.</returns>
    public async Task<BuildCache?> RunAsync(
        DockerClient docker, IPublishingSession session, DockerBuilder builder, ImageReference image, IReadOnlyList<string> tags,
        RegistryHostMap hostMap, CancellationToken cancellationToken)
    {
        var cache = Choose(session, builder, image, tags, hostMap);
        if (cache is null)
            return null;
        await EnsureExportableAsync(docker, builder, cache, cancellationToken).ConfigureAwait(false);
        return await PullAsync(docker, session, builder, cache, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cache of a multi-platform build (<see cref="BuildCacheChoice.ForPlatformsBuiltApart"/>); each platform's pull is <see cref="PullAsync"/>'s, right before its build.</summary>
    /// <returns>Null when the builds run with <c>--no-cache</c>.</returns>
    public BuildCache? ChooseForPlatforms(IPublishingSession session, DockerBuilder builder, ImageReference image, IReadOnlyList<string> tags, RegistryHostMap hostMap) =>
        BuildCacheChoice.ForPlatformsBuiltApart(Choose(session, builder, image, tags, hostMap), context.Logger);

    /// <summary>
    /// The legacy builder reads a cache image only from the engine: it is pulled here (for <paramref name="platform"/>, that
    /// platform's image out of an index), and left out of the build when the pull fails. Other builders read the registry themselves.
    /// </summary>
    public async Task<BuildCache> PullAsync(
        DockerClient docker, IPublishingSession session, DockerBuilder builder, BuildCache cache, string? platform, CancellationToken cancellationToken)
    {
        if (cache.From is not { } cacheImage || BuildCacheClients.Of(builder) is not BuildCacheClient.Legacy)
            return cache;
        await session.BeforePushAsync(cancellationToken).ConfigureAwait(false);
        var started = context.Time.GetTimestamp();
        var pulled = await new DockerCachePull(context.ProcessRunner, context.Logger, settings.DockerOutputLogLevel)
            .RunAsync(docker, cacheImage, cancellationToken, platform).ConfigureAwait(false);
        var timed = cache with { PullDuration = context.Time.GetElapsedTime(started) };
        return pulled ? timed : timed.WithoutSource();
    }

    private BuildCache? Choose(IPublishingSession session, DockerBuilder builder, ImageReference image, IReadOnlyList<string> tags, RegistryHostMap hostMap)
    {
        var immutableTags = session.Repositories.Any(access => access.Repository == image.RepositoryName && access.ImmutableTags);
        return BuildCacheChoice.Decide(settings, BuildCacheClients.Of(builder), image, tags, immutableTags, hostMap, context.Logger);
    }

    private async Task EnsureExportableAsync(DockerClient docker, DockerBuilder builder, BuildCache cache, CancellationToken cancellationToken)
    {
        if (BuildCacheClients.Of(builder) is BuildCacheClient.Buildx && cache.To is { } cacheTo)
            await BuildxCacheExport.EnsureSupportedAsync(docker, context.ProcessRunner, cacheTo, settings.CacheTo ?? cacheTo, cancellationToken).ConfigureAwait(false);
    }
}
