using ArtifactRegistry.Docker;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Hints;
using ArtifactRegistry.Publishing;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// The BuildAndPush target as a NUKE component, extending <see cref="IArtifactRegistryDockerAuth"/> (whose docker auth parameters
/// and settings it uses): <c>class Build : NukeBuild, IArtifactRegistryBuildAndPush</c>, then
/// <c>./build.sh BuildAndPush --image asia-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE</c>.
/// It reuses the build's docker auth session (EnsureDockerAuth's, when that ran). Later targets take the digest-pinned image from <see cref="PushedImage"/>:
/// <c>.DependsOn&lt;IArtifactRegistryBuildAndPush&gt;(x =&gt; x.BuildAndPush)</c>.
/// </summary>
public interface IArtifactRegistryBuildAndPush : IArtifactRegistryDockerAuth
{
    /// <summary>The tags to push; default: the short commit id (with <c>-dirty</c> when the tree has local changes), <c>latest</c>, and the git tags of a clean HEAD.</summary>
    [Parameter("Tags to push (comma-separated in the environment) - Default: the short commit id (-dirty with local changes) and latest, plus git tags on a clean HEAD", Separator = ",")]
    string[] ImageTags => TryGetValue(() => ImageTags) ?? [];

    /// <summary>The docker build context folder; default: the build's root directory.</summary>
    [Parameter("Docker build context folder - Default: the root directory")]
    string? DockerContext => TryGetValue(() => DockerContext);

    /// <summary>The Dockerfile; default: <c>Dockerfile</c> in the build context.</summary>
    [Parameter("Dockerfile - Default: Dockerfile in the build context")]
    string? Dockerfile => TryGetValue(() => Dockerfile);

    /// <summary>The Dockerfile stage to build (<c>docker build --target</c>); default: the last stage.</summary>
    [Parameter("Dockerfile stage to build (--target)")]
    string? DockerTarget => TryGetValue(() => DockerTarget);

    /// <summary>The platform to build for (<c>docker build --platform</c>), e.g. <c>linux/amd64</c>; default: the engine's.</summary>
    [Parameter("Platform to build for (--platform), e.g. linux/amd64")]
    string? DockerPlatform => TryGetValue(() => DockerPlatform);

    /// <summary>The platforms to build, e.g. <c>linux/amd64,linux/arm64</c>; several push one multi-platform image index; default: <see cref="DockerPlatform"/>.</summary>
    [Parameter("Platforms to build (comma-separated), e.g. linux/amd64,linux/arm64: several push one multi-platform image index", Separator = ",")]
    string[] DockerPlatforms => TryGetValue(() => DockerPlatforms) ?? [];

    /// <summary>Build arguments as <c>NAME=value</c>; an entry without <c>=</c> fails the target. Credentials the image must not keep belong in <see cref="DockerSecrets"/>.</summary>
    [Parameter("Build arguments NAME=value (comma-separated in the environment); credentials the image must not keep belong in --docker-secrets", Separator = ",")]
    string[] DockerBuildArgs => TryGetValue(() => DockerBuildArgs) ?? [];

    /// <summary>
    /// BuildKit secrets as <c>ID=ENV_VAR</c>: <c>RUN --mount=type=secret,id=ID</c> reads the value of the build's environment variable
    /// ENV_VAR, which stays out of argv, logs and the image; a variable that is not set fails the target before the build.
    /// </summary>
    [Parameter("Build secrets ID=ENV_VAR (comma-separated): RUN --mount=type=secret,id=ID reads the value of the environment variable ENV_VAR; needs a BuildKit builder", Separator = ",")]
    string[] DockerSecrets => TryGetValue(() => DockerSecrets) ?? [];

    /// <summary>The docker CLI that builds and pushes, a name on PATH or a path (e.g. a CLI with built-in BuildKit); default: <c>docker</c>.</summary>
    [Parameter("The docker CLI that builds and pushes (a name on PATH or a path) - Default: docker")]
    string? DockerProgram => TryGetValue(() => DockerProgram);

    /// <summary>The network of the build's <c>RUN</c> steps (<c>docker build --network</c>: default, host, none); default: docker's.</summary>
    [Parameter("Network of the build's RUN steps (--network): default, host or none")]
    string? DockerNetwork => TryGetValue(() => DockerNetwork);

    /// <summary>Builds without docker's build cache (<c>--no-cache</c>) when true; default: false.</summary>
    [Parameter("Build without the build cache (--no-cache)")]
    bool? DockerNoCache => TryGetValue<bool?>(() => DockerNoCache);

    /// <summary>The image the build reads its registry cache from (<c>--cache-from</c>); default: the image's own <c>latest</c>. See <see cref="ImageBuildSettings.CacheFrom"/>.</summary>
    [Parameter("Image (or buildx cache source) the build reads its registry cache from - Default: the image's latest")]
    string? DockerCacheFrom => TryGetValue(() => DockerCacheFrom);

    /// <summary>Where buildx writes the build cache (<c>--cache-to</c>); default: inline in the pushed image. See <see cref="ImageBuildSettings.CacheTo"/>.</summary>
    [Parameter("Image (or buildx cache destination) buildx writes the build cache to - Default: inline in the pushed image")]
    string? DockerCacheTo => TryGetValue(() => DockerCacheTo);

    /// <summary>Looks for newer base images (<c>--pull</c>) when true; default: false.</summary>
    [Parameter("Look for newer base images (--pull)")]
    bool? DockerPull => TryGetValue<bool?>(() => DockerPull);

    /// <summary>When true, trusts the digest docker prints instead of asking the registry which digest every pushed tag has; default: false (verified).</summary>
    [Parameter("Trust docker's digest line instead of asking the registry which digest every tag has")]
    bool? SkipRegistryVerification => TryGetValue<bool?>(() => SkipRegistryVerification);

    /// <summary>Override to adjust the settings further (secret build args, labels, retries…).</summary>
    Configure<BuildAndPushSettings> BuildAndPushSettings => settings => settings;

    /// <summary>The image the BuildAndPush target pushed, pinned to its digest (<c>…/IMAGE:TAG@sha256:…</c>), for the targets after it.</summary>
    /// <exception cref="InvalidOperationException">BuildAndPush has not run in this build.</exception>
    BuildAndPushResult PushedImage => ArtifactRegistryBuild.PushedImage ?? throw new InvalidOperationException(
        "No image has been pushed in this build yet. Make the target that needs it depend on BuildAndPush: " +
        ".DependsOn<IArtifactRegistryBuildAndPush>(x => x.BuildAndPush).");

    /// <summary>Builds the image with docker and pushes it under every tag of <see cref="ImageTags"/>, after EnsureDockerAuth's credentials and access preflight; requires <see cref="IArtifactRegistryImage.Image"/>. The result, with its digest, is <see cref="PushedImage"/>.</summary>
    Target BuildAndPush => _ => _
        .Description("Builds the Docker image and pushes it to Artifact Registry under every tag; later targets get its digest")
        .Requires(() => Image)
        .Executes(() => Run(async () =>
        {
            RefuseDryRun("BuildAndPush", "pushes an image");
            await ArtifactRegistryBuild.BuildAndPushAsync(TargetContext, settings => BuildAndPushSettings(ConfigureFromParameters(settings)), CancellationToken.None);
        }));

    /// <summary>The settings from the parameters of this component and of <see cref="IArtifactRegistryDockerAuth"/> (Deploy's too, for every image).</summary>
    internal BuildAndPushSettings ConfigureFromParameters(BuildAndPushSettings settings)
    {
        if (Image is not null)
            settings = settings.SetImage(Image);
        settings = settings
            .SetTags(ImageTags)
            .SetContextDirectory(DockerContext ?? RootDirectory)
            .SetPull(DockerPull == true)
            .SetNoCache(DockerNoCache == true);
        if (Dockerfile is not null)
            settings = settings.SetDockerfile(Dockerfile);
        if (DockerTarget is not null)
            settings = settings.SetTarget(DockerTarget);
        if (DockerPlatform is not null)
            settings = settings.SetPlatform(DockerPlatform);
        if (DockerCacheFrom is not null)
            settings = settings.SetCacheFrom(DockerCacheFrom);
        if (DockerCacheTo is not null)
            settings = settings.SetCacheTo(DockerCacheTo);
        if (DockerPlatforms.Length > 0)
            settings = settings.SetPlatforms(DockerPlatforms);
        foreach (var argument in DockerBuildArgs)
        {
            var equals = argument.IndexOf('=');
            if (equals <= 0)
                throw new SettingsException($"Build argument '{argument}' is not NAME=value, so docker would not know which argument it sets; pass e.g. --docker-build-args VERSION=1.2.3,CHANNEL=stable.");
            settings = settings.AddBuildArg(argument[..equals], argument[(equals + 1)..]);
        }
        foreach (var secret in DockerSecrets)
        {
            var equals = secret.IndexOf('=');
            if (equals <= 0 || equals == secret.Length - 1)
                throw new SettingsException($"Build secret '{secret}' is not ID=ENV_VAR, so it names no secret id or no variable to read it from; pass e.g. --docker-secrets npm_token=NPM_TOKEN.");
            settings = settings.AddBuildSecretFromEnvironment(secret[..equals], secret[(equals + 1)..]);
        }
        if (DockerProgram is not null)
            settings = settings.SetDockerProgram(DockerProgram);
        if (DockerNetwork is not null)
            settings = settings.SetNetwork(DockerNetwork);
        if (SkipRegistryVerification == true)
            settings = settings.DisableRegistryVerification();

        return settings.SetDockerAuthSettings(auth => EnsureDockerAuthSettings(auth
            .SetMode(DockerAuthMode ?? DockerAuth.DockerAuthMode.Auto)
            .SetAccessPreflight(SkipAccessPreflight != true)
            .SetCreateRepositoryIfMissing(CreateRepositoryIfMissing == true)));
    }
}
