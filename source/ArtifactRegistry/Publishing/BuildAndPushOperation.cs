using ArtifactRegistry.Hints;
using System.Collections.Immutable;
using System.Diagnostics;
using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Git;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Publishing;

/// <summary>
/// Builds an image and pushes it under every tag, so that all tags resolve to one digest, which it returns.
/// Everything that can be checked quickly (reference, tags, Dockerfile, docker engine, credentials, permissions) is checked
/// before the build starts.
/// </summary>
internal sealed class BuildAndPushOperation(OperationContext context, BuildAndPushSettings settings, IPublishingRegistry registry)
{
    private readonly ILogger _logger = context.Logger;

    public async Task<BuildAndPushResult> RunAsync(CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();

        // Milliseconds: the reference, the tags and the Dockerfile, before any process starts.
        var image = ParseImage(settings.Image);
        var explicitTags = image.HasTag ? settings.Tags.Insert(0, image.Tag) : settings.Tags;
        ImageTagPlan.ValidateExplicitTags(explicitTags);
        image = image.WithoutTag();
        DockerfileNotFoundException.ThrowIfMissing(settings);
        settings = ResolveBuildSecrets(settings);
        var hostMap = context.ResolveHostMap();
        hostMap.RequireMapped(image);
        var docker = new DockerClient { Program = settings.DockerProgram, Environment = context.EnvironmentVariables, ConfigDirectory = context.DockerConfigDirectory };

        // A few milliseconds each, at once: git, the docker engine, the build front end.
        var engine = new DockerEngine(docker, context.ProcessRunner);
        var gitTask = ReadGitAsync(cancellationToken);
        var engineTask = engine.EnsureReachableAsync(cancellationToken);
        var builderTask = engine.ResolveBuilderAsync(settings.Builder, settings.BuildSecrets.Select(secret => secret.Id).ToList(), cancellationToken);
        await Task.WhenAll(gitTask, engineTask, builderTask).ConfigureAwait(false);
        var (git, gitProblem) = await gitTask;
        var builder = await builderTask;
        var platforms = BuildPlatforms.Of(settings);
        if (platforms.Count > 1)
            PlatformEmulation.EnsureAvailable(platforms, (await engineTask).Architecture, docker.EffectiveHost,
                settings.ResolveDockerfilePath(), settings.BinfmtDirectory);

        var plan = ImageTagPlan.Create(explicitTags, settings.GitTagsOnHead, git, gitProblem);
        foreach (var note in plan.Notes)
            _logger.LogInformation("{Note}", note);
        var taggedImages = plan.Tags.Select(image.WithTag).ToList();
        var labels = Labels(git);
        _logger.LogInformation("BuildAndPush {Image} as {Tags} (docker engine {Version}, {Builder} builder{Git})",
            image, string.Join(", ", plan.Tags), (await engineTask).Version, builder switch { DockerBuilder.Buildx => "buildx", DockerBuilder.BuildKit => "built-in BuildKit", _ => "legacy" },
            git is null ? ", no git state: no OCI labels" : $", commit {git.ShortSha}{(git.IsDirty ? " with local changes" : "")}");

        await using var session = await registry.OpenAsync(taggedImages, cancellationToken).ConfigureAwait(false);
        docker = docker.WithConfigDirectory(session.DockerConfigDirectory ?? docker.ConfigDirectory);
        if (session.Repositories.FirstOrDefault(access => access.Repository == image.RepositoryName) is { ImmutableTags: true } immutable)
        {
            plan = ImmutableTags.Apply(plan, explicitTags.Count == 0, immutable, image, _logger);
            taggedImages = plan.Tags.Select(image.WithTag).ToList();
        }

        if (platforms.Count > 1)
            return await PushPlatformsAsync(docker, builder, session, hostMap, image, plan.Tags, taggedImages, platforms, labels, total, cancellationToken).ConfigureAwait(false);

        var dockerNames = taggedImages.Select(tagged => DockerName(tagged, hostMap)).ToList();
        var cache = await new BuildCachePreparation(context, settings)
            .RunAsync(docker, session, builder, image, plan.Tags, hostMap, cancellationToken).ConfigureAwait(false);
        var build = await new DockerImageBuild(context.ProcessRunner, _logger, settings.DockerOutputLogLevel)
            .RunAsync(docker, platforms.Count == 1 ? settings.SetPlatform(platforms[0]) : settings, builder, dockerNames, labels, cancellationToken, cache).ConfigureAwait(false);
        _logger.LogInformation("Built {ImageId} in {Seconds:0.00} s ({Steps} steps, {Cached} from cache)",
            ShortId(build.ImageId), build.Duration.TotalSeconds, build.Steps, build.CachedSteps);
        if (cache is not null)
            _logger.LogInformation("Build cache {Source} ({Origin}): {Cached} of {Steps} steps came from the cache",
                cache.From ?? "none", cache.Origin, build.CachedSteps, build.Steps);

        var pushes = await PushAllAsync(docker, session, taggedImages, dockerNames, cancellationToken).ConfigureAwait(false);
        var digest = DigestAgreement.OfPushes(image, plan.Tags, pushes.Select(push => push.Digest).ToList());
        var verified = false;
        long? size = null;
        if (settings.RegistryVerification)
        {
            digest = await VerifyAsync(session, image, taggedImages, pushes, cancellationToken).ConfigureAwait(false);
            size = await session.FindImageSizeAsync(image.WithDigest(digest), cancellationToken).ConfigureAwait(false);
            verified = true;
        }
        if (digest is null)
            throw new SettingsException(
                $"The digest of {image} is unknown: docker push printed no digest line and registry verification is off.{Environment.NewLine}" +
                $"Without a digest the result cannot name the exact image that was pushed, and a deploy could not pin it.{Environment.NewLine}" +
                $"Turn registry verification back on with {SettingNames.RegistryVerification}: it reads the digest from the registry.",
                SettingNames.RegistryVerification);

        var result = new BuildAndPushResult
        {
            Image = taggedImages[0].WithDigest(digest),
            Digest = digest,
            Tags = plan.Tags,
            ImageId = build.ImageId,
            ImageSizeBytes = size,
            LayersPushed = pushes.Sum(push => push.LayersPushed),
            LayersAlreadyPresent = pushes[0].LayersAlreadyPresent,
            VerifiedWithRegistry = verified,
            DockerAuthSession = session.TakeKeptDockerAuthSession(),
            CacheDuration = cache?.PullDuration ?? TimeSpan.Zero,
            BuildDuration = build.Duration,
            PushDuration = pushes.Aggregate(TimeSpan.Zero, (sum, push) => sum + push.Duration),
            TotalDuration = total.Elapsed,
        };
        _logger.LogInformation("Pushed {Image}{NewLine}{Table}", result.Image, Environment.NewLine, result);
        return result;
    }

    /// <summary>
    /// Several platforms: each built alone, pushed by digest, and one OCI image index over them under every tag (see
    /// <see cref="MultiPlatformPush"/>); the result's digest is the index's.
    /// </summary>
    private async Task<BuildAndPushResult> PushPlatformsAsync(
        DockerClient docker, DockerBuilder builder, IPublishingSession session, RegistryHostMap hostMap, ImageReference image, IReadOnlyList<string> tags,
        IReadOnlyList<ImageReference> taggedImages, IReadOnlyList<string> platforms, IReadOnlyDictionary<string, string> labels, Stopwatch total,
        CancellationToken cancellationToken)
    {
        _logger.LogInformation("BuildAndPush builds {Platforms} one at a time and pushes one OCI image index over them", string.Join(", ", platforms));
        var annotations = labels.Where(label => label.Key.StartsWith("org.opencontainers.image.", StringComparison.Ordinal))
            .ToDictionary(label => label.Key, label => label.Value, StringComparer.Ordinal);
        await session.BeforePushAsync(cancellationToken).ConfigureAwait(false);
        var tokens = await session.RegistryTokensAsync(cancellationToken).ConfigureAwait(false);
        var retries = new RetryPolicy { MaxAttempts = settings.PushAttempts, InitialBackoff = settings.PushRetryDelay };
        using var registry = new DistributionClient(hostMap.Resolve(image.Host), image.Name[(image.Host.Length + 1)..], tokens, retries, context.HttpHandler);
        var preparation = new BuildCachePreparation(context, settings);
        var cache = preparation.ChooseForPlatforms(session, builder, image, tags, hostMap);
        var outcome = await new MultiPlatformPush(context.ProcessRunner, _logger, settings)
            .RunAsync(docker, builder, registry, platforms, taggedImages, labels, annotations,
                async (platform, ct) => cache is null ? null : await preparation.PullAsync(docker, session, builder, cache, platform, ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);

        var digest = outcome.IndexDigest;
        var verified = false;
        long? size = null;
        if (settings.RegistryVerification)
        {
            var found = await Task.WhenAll(taggedImages.Select(tagged => session.FindTagDigestAsync(tagged, cancellationToken))).ConfigureAwait(false);
            digest = DigestAgreement.Confirm(image, tags, taggedImages.Select(_ => (ImageDigest?)outcome.IndexDigest).ToList(), found);
            _logger.LogInformation("Registry confirms {Count} tag(s) → {Digest}", taggedImages.Count, digest.ToShortString());
            size = await session.FindImageSizeAsync(image.WithDigest(digest), cancellationToken).ConfigureAwait(false);
            verified = true;
        }

        var result = new BuildAndPushResult
        {
            Image = taggedImages[0].WithDigest(digest),
            Digest = digest,
            Tags = tags,
            ImageId = outcome.Platforms[0].ImageId,
            Platforms = outcome.Platforms,
            ImageSizeBytes = size,
            LayersPushed = outcome.LayersPushed,
            LayersAlreadyPresent = outcome.LayersAlreadyPresent,
            VerifiedWithRegistry = verified,
            DockerAuthSession = session.TakeKeptDockerAuthSession(),
            CacheDuration = outcome.CacheDuration,
            BuildDuration = outcome.BuildDuration,
            PushDuration = outcome.PushDuration,
            TotalDuration = total.Elapsed,
        };
        _logger.LogInformation("Pushed {Image}{NewLine}{Table}", result.Image, Environment.NewLine, result);
        return result;
    }

    private static ImageReference ParseImage(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            var setting = SettingNames.BuildImage.With("LOCATION-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE");
            throw new SettingsException(
                $"BuildAndPush was given no image to push.{Environment.NewLine}" +
                $"The image's name says which repository receives the push, so nothing can be built without it.{Environment.NewLine}" +
                $"Name it: {setting}, e.g. asia-docker.pkg.dev/my-project/my-repo/app.", setting);
        }
        var image = ImageReference.Parse(text.Trim());
        if (image.HasDigest)
        {
            var setting = SettingNames.BuildImage.With(image.WithoutDigest().ToString());
            throw new SettingsException(
                $"BuildAndPush was given an image with a digest, '{text}'.{Environment.NewLine}" +
                $"A push cannot choose its digest: the registry computes it from what is pushed.{Environment.NewLine}" +
                $"Give the image without it, {setting}; the digest is in the result.", setting);
        }
        return image;
    }

    /// <summary>
    /// What a build would push, checked as a real run checks it before docker starts (reference, tags, Dockerfile, host map, git):
    /// the image with the first tag, for a dry run.
    /// </summary>
    public async Task<ImageReference> PlanAsync(CancellationToken cancellationToken)
    {
        var image = ParseImage(settings.Image);
        var explicitTags = image.HasTag ? settings.Tags.Insert(0, image.Tag) : settings.Tags;
        ImageTagPlan.ValidateExplicitTags(explicitTags);
        DockerfileNotFoundException.ThrowIfMissing(settings);
        ResolveBuildSecrets(settings);
        context.ResolveHostMap().RequireMapped(image.WithoutTag());
        var (git, gitProblem) = await ReadGitAsync(cancellationToken).ConfigureAwait(false);
        var plan = ImageTagPlan.Create(explicitTags, settings.GitTagsOnHead, git, gitProblem);
        return image.WithoutTag().WithTag(plan.Tags[0]);
    }

    /// <summary>The settings with every build secret's value read (from the context's environment where it names a variable), before any process starts.</summary>
    private BuildAndPushSettings ResolveBuildSecrets(BuildAndPushSettings unresolved) =>
        unresolved.BuildSecrets.IsEmpty ? unresolved : unresolved with { BuildSecrets = [.. unresolved.BuildSecrets.Select(secret => secret.Resolve(context.Variable))] };

    private async Task<(GitWorkTreeState?, GitUnavailableException?)> ReadGitAsync(CancellationToken cancellationToken)
    {
        try
        {
            var directory = settings.GitDirectory ?? settings.ResolveContextDirectory();
            return (await new GitWorkTree(context.ProcessRunner).ReadAsync(directory, cancellationToken).ConfigureAwait(false), null);
        }
        catch (GitUnavailableException exception)
        {
            return (null, exception);
        }
    }

    private ImmutableSortedDictionary<string, string> Labels(GitWorkTreeState? git)
    {
        var labels = settings.OciLabels && git is not null ? OciImageLabels.From(git) : ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        return labels.SetItems(settings.Labels);
    }

    /// <summary>The name docker uses: the canonical reference with its host mapped (to where a host map sends docker).</summary>
    private static string DockerName(ImageReference taggedImage, RegistryHostMap hostMap)
    {
        var text = taggedImage.ToString();
        return hostMap.Resolve(taggedImage.Host) + text[taggedImage.Host.Length..];
    }

    private async Task<List<DockerPushOutcome>> PushAllAsync(
        DockerClient docker, IPublishingSession session, IReadOnlyList<ImageReference> taggedImages, IReadOnlyList<string> dockerNames, CancellationToken cancellationToken)
    {
        var outcomes = new List<DockerPushOutcome>();
        var retries = new RetryPolicy { MaxAttempts = settings.PushAttempts, InitialBackoff = settings.PushRetryDelay };
        for (var i = 0; i < taggedImages.Count; i++)
        {
            var tagged = taggedImages[i];
            var push = new DockerImagePush(context.ProcessRunner, _logger, settings.DockerOutputLogLevel, retries)
            {
                ExplainRefusal = error => session.ExplainPushRefusal(error, tagged),
            };
            await session.BeforePushAsync(cancellationToken).ConfigureAwait(false);
            var outcome = await push.RunAsync(docker, dockerNames[i], cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Pushed :{Tag} → {Digest} in {Seconds:0.00} s (layers: {Pushed} uploaded, {Present} already in the registry{Retries})",
                tagged.Tag, outcome.Digest?.ToShortString() ?? "(no digest line)", outcome.Duration.TotalSeconds,
                outcome.LayersPushed, outcome.LayersAlreadyPresent, outcome.Attempts > 1 ? $", {outcome.Attempts} attempts" : "");
            outcomes.Add(outcome);
        }
        return outcomes;
    }

    private async Task<ImageDigest> VerifyAsync(
        IPublishingSession session, ImageReference image, IReadOnlyList<ImageReference> taggedImages, IReadOnlyList<DockerPushOutcome> pushes, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(taggedImages.Select(tagged => session.FindTagDigestAsync(tagged, cancellationToken))).ConfigureAwait(false);
        var digest = DigestAgreement.Confirm(image, taggedImages.Select(tagged => tagged.Tag!).ToList(), pushes.Select(push => push.Digest).ToList(), found);
        _logger.LogInformation("Registry confirms {Count} tag(s) → {Digest}", taggedImages.Count, digest.ToShortString());
        return digest;
    }

    private static string ShortId(string imageId) => imageId.StartsWith("sha256:", StringComparison.Ordinal) && imageId.Length > 19 ? imageId[..19] : imageId;
}
