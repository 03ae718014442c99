using ArtifactRegistry.Docker;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Publishing;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// The BuildAndPush target as a NUKE component, extending <see cref="IArtifactRegistryDockerAuth"/> (whose docker auth parameters
/// and settings it uses): <c>class Build : NukeBuild, IArtifactRegistryBuildAndPush</c>, then
/// <c>./build.sh BuildAndPush --image asia-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE</c>.
/// Later targets take the digest-pinned image from <see cref="PushedImage"/>:
/// <c>.DependsOn&lt;IArtifactRegistryBuildAndPush&gt;(x =&gt; x.BuildAndPush)</c>.
/// </summary>
public interface IArtifactRegistryBuildAndPush : IArtifactRegistryDockerAuth
{
    [Parameter("Tags to push (comma-separated in the environment) - Default: the short commit id (-dirty with local changes) and latest, plus git tags on a clean HEAD", Separator = ",")]
    string[] ImageTags => TryGetValue(() => ImageTags) ?? [];

    [Parameter("Docker build context folder - Default: the root directory")]
    string? DockerContext => TryGetValue(() => DockerContext);

    [Parameter("Dockerfile - Default: Dockerfile in the build context")]
    string? Dockerfile => TryGetValue(() => Dockerfile);

    [Parameter("Dockerfile stage to build (--target)")]
    string? DockerTarget => TryGetValue(() => DockerTarget);

    [Parameter("Platform to build for (--platform), e.g. linux/amd64")]
    string? DockerPlatform => TryGetValue(() => DockerPlatform);

    [Parameter("Build arguments NAME=value (comma-separated in the environment); secret ones belong in BuildAndPushSettings (AddSecretBuildArg)", Separator = ",")]
    string[] DockerBuildArgs => TryGetValue(() => DockerBuildArgs) ?? [];

    [Parameter("Build without the build cache (--no-cache)")]
    bool? DockerNoCache => TryGetValue<bool?>(() => DockerNoCache);

    [Parameter("Look for newer base images (--pull)")]
    bool? DockerPull => TryGetValue<bool?>(() => DockerPull);

    [Parameter("Trust docker's digest line instead of asking the registry which digest every tag has")]
    bool? SkipRegistryVerification => TryGetValue<bool?>(() => SkipRegistryVerification);

    /// <summary>Override to adjust the settings further (secret build args, labels, retries…).</summary>
    Configure<BuildAndPushSettings> BuildAndPushSettings => settings => settings;

    /// <summary>The image the BuildAndPush target pushed, pinned to its digest (<c>…/IMAGE:TAG@sha256:…</c>), for the targets after it.</summary>
    /// <exception cref="InvalidOperationException">BuildAndPush has not run in this build.</exception>
    BuildAndPushResult PushedImage => ArtifactRegistryTasks.PushedImage ?? throw new InvalidOperationException(
        "No image has been pushed in this build yet. Make the target that needs it depend on BuildAndPush: " +
        ".DependsOn<IArtifactRegistryBuildAndPush>(x => x.BuildAndPush).");

    Target BuildAndPush => _ => _
        .Description("Builds the Docker image and pushes it to Artifact Registry under every tag; later targets get its digest")
        .Requires(() => Image)
        .Executes(async () =>
        {
            await ArtifactRegistryTasks.BuildAndPushAsync(
                ArtifactRegistryTasks.ContextFor(this), settings => BuildAndPushSettings(ConfigureFromParameters(settings)), CancellationToken.None);
        });

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
        foreach (var argument in DockerBuildArgs)
        {
            var equals = argument.IndexOf('=');
            if (equals <= 0)
                throw new ArgumentException($"Build argument '{argument}' is not NAME=value; pass e.g. --docker-build-args VERSION=1.2.3,CHANNEL=stable.");
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
