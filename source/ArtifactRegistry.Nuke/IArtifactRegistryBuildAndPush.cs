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

    /// <summary>Build arguments as <c>NAME=value</c>; an entry without <c>=</c> fails the target. Secret values belong in <see cref="BuildAndPushSettings"/> (AddSecretBuildArg), which keeps them out of logs.</summary>
    [Parameter("Build arguments NAME=value (comma-separated in the environment); secret ones belong in BuildAndPushSettings (AddSecretBuildArg)", Separator = ",")]
    string[] DockerBuildArgs => TryGetValue(() => DockerBuildArgs) ?? [];

    /// <summary>Builds without docker's build cache (<c>--no-cache</c>) when true; default: false.</summary>
    [Parameter("Build without the build cache (--no-cache)")]
    bool? DockerNoCache => TryGetValue<bool?>(() => DockerNoCache);

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
        if (DockerPlatforms.Length > 0)
            settings = settings.SetPlatforms(DockerPlatforms);
        foreach (var argument in DockerBuildArgs)
        {
            var equals = argument.IndexOf('=');
            if (equals <= 0)
                throw new SettingsException($"Build argument '{argument}' is not NAME=value, so docker would not know which argument it sets; pass e.g. --docker-build-args VERSION=1.2.3,CHANNEL=stable.");
            settings = settings.AddBuildArg(argument[..equals], argument[(equals + 1)..]);
        }
        if (SkipRegistryVerification == true)
            settings = settings.DisableRegistryVerification();

        return settings.SetDockerAuthSettings(auth => EnsureDockerAuthSettings(auth
            .SetMode(DockerAuthMode ?? DockerAuth.DockerAuthMode.Auto)
            .SetAccessPreflight(SkipAccessPreflight != true)
            .SetCreateRepositoryIfMissing(CreateRepositoryIfMissing == true)));
    }
}
