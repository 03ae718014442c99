using System.Diagnostics;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Processes;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Publishing;

/// <summary>
/// A multi-platform push with whatever builder the machine has, the default docker one included (which cannot push several
/// platforms in one build): each platform built on its own, exported from the engine and uploaded by digest through the
/// registry's API (blobs the registry has are not sent again), then one OCI image index over the platform manifests put under
/// every tag. Nothing is tagged but the requested tags, so it works in repositories with immutable tags and leaves no temporary tags.
/// </summary>
internal sealed class MultiPlatformPush(IProcessRunner runner, ILogger logger, BuildAndPushSettings settings)
{
    /// <summary>What the push produced: the index digest, each platform's manifest, and counts and times for the result.</summary>
    public sealed record Outcome(
        ImageDigest IndexDigest, IReadOnlyList<PlatformImage> Platforms, int LayersPushed, int LayersAlreadyPresent, TimeSpan CacheDuration, TimeSpan BuildDuration,
        TimeSpan PushDuration);

    /// <param name="annotations">The OCI annotations (revision, source, created) written on every manifest and the index.</param>
    /// <param name="cacheFor">Each platform's build cache, readied (pulled) right before its build; null builds with <c>--no-cache</c>.</param>
    public async Task<Outcome> RunAsync(
        DockerClient docker, DockerBuilder builder, DistributionClient registry, IReadOnlyList<string> platforms, IReadOnlyList<ImageReference> taggedImages,
        IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations,
        Func<string, CancellationToken, Task<BuildCache?>> cacheFor, CancellationToken cancellationToken)
    {
        var built = new List<(string Platform, string ImageId)>();
        TimeSpan cacheTime = TimeSpan.Zero, buildTime = TimeSpan.Zero;
        // Every platform is built before anything is pushed: a platform that fails to build leaves the registry untouched.
        foreach (var platform in platforms)
        {
            var cache = await cacheFor(platform, cancellationToken).ConfigureAwait(false);
            var build = await new DockerImageBuild(runner, logger, settings.DockerOutputLogLevel)
                .RunAsync(docker, PlatformSettings(platform, builder), builder, [], labels, cancellationToken, cache).ConfigureAwait(false);
            logger.LogInformation("Built {Platform} as {ImageId} in {Seconds:0.00} s ({Steps} steps, {Cached} from cache)",
                platform, ShortId(build.ImageId), build.Duration.TotalSeconds, build.Steps, build.CachedSteps);
            built.Add((platform, build.ImageId));
            cacheTime += cache?.PullDuration ?? TimeSpan.Zero;
            buildTime += build.Duration;
        }

        var pushTime = Stopwatch.StartNew();
        var entries = new List<OciImageDocuments.IndexEntry>();
        var images = new List<PlatformImage>();
        int pushed = 0, present = 0;
        foreach (var (platform, imageId) in built)
        {
            var (entry, uploaded, found) = await PushPlatformAsync(docker, registry, imageId, annotations, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Pushed {Platform} manifest {Digest} ({ConfigPlatform} in the image config; layers: {Pushed} uploaded, {Present} already in the registry)",
                platform, entry.Digest.ToShortString(), entry.Platform, uploaded, found);
            entries.Add(entry);
            images.Add(new PlatformImage { Platform = platform, Digest = entry.Digest, ImageId = imageId });
            pushed += uploaded;
            present += found;
        }

        var index = OciImageDocuments.Index(entries, annotations);
        ImageDigest? indexDigest = null;
        foreach (var tagged in taggedImages)
        {
            indexDigest = await registry.PutManifestAsync(tagged.Tag!, OciMediaTypes.ImageIndex, index, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Pushed the image index :{Tag} → {Digest} ({Count} platforms)", tagged.Tag, indexDigest.ToShortString(), entries.Count);
        }
        return new Outcome(indexDigest!, images, pushed, present, cacheTime, buildTime, pushTime.Elapsed);
    }

    /// <summary>
    /// The settings of one platform's build. The legacy builder does not define BuildKit's automatic platform arguments, so they
    /// are passed (unless the user set them) and one Dockerfile (<c>FROM base:${TARGETARCH}</c>) serves every platform with either builder.
    /// </summary>
    private BuildAndPushSettings PlatformSettings(string platform, DockerBuilder builder)
    {
        var result = settings.SetPlatform(platform);
        if (builder is not DockerBuilder.Legacy)
            return result;
        var parts = platform.Split('/');
        var automatic = new Dictionary<string, string>
        {
            ["TARGETPLATFORM"] = platform,
            ["TARGETOS"] = parts[0],
            ["TARGETARCH"] = parts.Length > 1 ? parts[1] : "",
            ["TARGETVARIANT"] = parts.Length > 2 ? parts[2] : "",
        };
        foreach (var (name, value) in automatic)
            if (result.BuildArguments.All(argument => argument.Name != name))
                result = result.AddBuildArg(name, value);
        return result;
    }

    private async Task<(OciImageDocuments.IndexEntry Entry, int Uploaded, int Present)> PushPlatformAsync(
        DockerClient docker, DistributionClient registry, string imageId, IReadOnlyDictionary<string, string> annotations, CancellationToken cancellationToken)
    {
        using var exported = await new DockerImageExport(runner).RunAsync(docker, imageId, cancellationToken).ConfigureAwait(false);
        var work = Directory.CreateTempSubdirectory("ard-layers-").FullName;
        var layers = new List<GzipLayerBlob>();
        try
        {
            int uploaded = 0, present = 0;
            foreach (var layerFile in exported.LayerFiles)
            {
                var layer = await GzipLayerBlob.CompressAsync(layerFile, work, cancellationToken).ConfigureAwait(false);
                layers.Add(layer);
                if (await registry.HasBlobAsync(layer.Digest, cancellationToken).ConfigureAwait(false))
                {
                    present++;
                    continue;
                }
                await registry.UploadBlobAsync(layer.Digest, () => File.OpenRead(layer.Path), layer.Size, cancellationToken).ConfigureAwait(false);
                uploaded++;
            }

            var configDigest = DistributionClient.DigestOf(exported.Config);
            if (!await registry.HasBlobAsync(configDigest, cancellationToken).ConfigureAwait(false))
                await registry.UploadBlobAsync(configDigest, () => new MemoryStream(exported.Config, writable: false), exported.Config.Length, cancellationToken)
                    .ConfigureAwait(false);

            var manifest = OciImageDocuments.Manifest(configDigest, exported.Config.Length, layers, annotations);
            var digest = await registry.PutManifestAsync(DistributionClient.DigestOf(manifest).ToString(), OciMediaTypes.ImageManifest, manifest, cancellationToken)
                .ConfigureAwait(false);
            return (new OciImageDocuments.IndexEntry(digest, manifest.Length, OciImageDocuments.ImagePlatform.FromConfig(exported.Config)), uploaded, present);
        }
        finally
        {
            foreach (var layer in layers)
                layer.Dispose();
            Directory.Delete(work, recursive: true);
        }
    }

    private static string ShortId(string imageId) => imageId.StartsWith("sha256:", StringComparison.Ordinal) && imageId.Length > 19 ? imageId[..19] : imageId;
}
