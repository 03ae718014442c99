using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.References;

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
        var client = BuildCacheClients.Of(builder);
        var immutableTags = session.Repositories.Any(access => access.Repository == image.RepositoryName && access.ImmutableTags);
        var cache = BuildCacheChoice.Decide(settings, client, image, tags, immutableTags, hostMap, context.Logger);
        if (cache is null)
            return null;
        if (client is BuildCacheClient.Buildx && cache.To is { } cacheTo)
            await BuildxCacheExport.EnsureSupportedAsync(docker, context.ProcessRunner, cacheTo, settings.CacheTo ?? cacheTo, cancellationToken).ConfigureAwait(false);
        if (cache.From is not { } cacheImage || client is not BuildCacheClient.Legacy)
            return cache;

        await session.BeforePushAsync(cancellationToken).ConfigureAwait(false);
        var started = context.Time.GetTimestamp();
        var pulled = await new DockerCachePull(context.ProcessRunner, context.Logger, settings.DockerOutputLogLevel)
            .RunAsync(docker, cacheImage, cancellationToken).ConfigureAwait(false);
        var timed = cache with { PullDuration = context.Time.GetElapsedTime(started) };
        return pulled ? timed : timed.WithoutSource();
    }
}
