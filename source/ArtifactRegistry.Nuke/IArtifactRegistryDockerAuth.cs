using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Hints;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// The EnsureDockerAuth target as a NUKE component: <c>class Build : NukeBuild, IArtifactRegistryDockerAuth</c>, then
/// <c>./build.sh EnsureDockerAuth --image asia-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE</c> (or <c>--images</c> for several).
/// The session it makes is the build's (<see cref="ArtifactRegistryBuild.DockerAuth"/>): BuildAndPush and Deploy reuse it.
/// </summary>
public interface IArtifactRegistryDockerAuth : IArtifactRegistryImage
{
    /// <summary>The images the build pushes, <c>HOST/PROJECT-ID/REPOSITORY/IMAGE[:TAG]</c>; their registry hosts get docker credentials. Default: <see cref="IArtifactRegistryImage.Image"/>.</summary>
    [Parameter("Images the build pushes, HOST/PROJECT-ID/REPOSITORY/IMAGE[:TAG] (comma-separated in the environment); their hosts get docker credentials - Default: --image", Separator = ",")]
    string[]? Images => TryGetValue(() => Images);

    /// <summary>How docker gets credentials; default: <see cref="DockerAuth.DockerAuthMode.Auto"/>.</summary>
    [Parameter("How docker gets credentials: Auto (default: gcloud if it has an account, else Application Default Credentials), CredentialHelper or AccessToken")]
    DockerAuthMode? DockerAuthMode => TryGetValue<DockerAuthMode?>(() => DockerAuthMode);

    /// <summary>When true, skips the check (testIamPermissions on each repository) that the principal may push, made before the build by default.</summary>
    [Parameter("Skip the access preflight (testIamPermissions on each repository) that runs before a push by default")]
    bool? SkipAccessPreflight => TryGetValue<bool?>(() => SkipAccessPreflight);

    /// <summary>When true, creates a missing repository (DOCKER format) if the principal may; default: false (a missing repository fails with the command that creates it).</summary>
    [Parameter("Create a missing repository (DOCKER format) when the principal may")]
    bool? CreateRepositoryIfMissing => TryGetValue<bool?>(() => CreateRepositoryIfMissing);

    /// <summary>Override to adjust the settings further (access needs, extra hosts…); the environment, host map and endpoints are the context's (<see cref="IArtifactRegistryContext.ArtifactRegistryContext"/>).</summary>
    Configure<EnsureDockerAuthSettings> EnsureDockerAuthSettings => settings => settings;

    /// <summary>Configures docker credentials for the hosts of <see cref="Images"/> (a no-op when already configured) and checks access to their repositories before any build.</summary>
    Target EnsureDockerAuth => _ => _
        .Description("Gives docker credentials for the images' Artifact Registry hosts and checks access before the build")
        .Executes(() => Run(async () =>
        {
            RefuseDryRun("EnsureDockerAuth", "writes docker credentials");
            var images = Images ?? (Image is { } image ? [image] : throw new SettingsException(
                "EnsureDockerAuth was given no image, so it does not know which registry host docker needs credentials for: " +
                "--image asia-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE (or --images for several; IMAGE in the environment or .nuke/parameters.json works too)."));
            await ArtifactRegistryBuild.EnsureDockerAuthAsync(TargetContext, settings => EnsureDockerAuthSettings(settings
                .SetImages(images)
                .SetMode(DockerAuthMode ?? DockerAuth.DockerAuthMode.Auto)
                .SetAccessPreflight(SkipAccessPreflight != true)
                .SetCreateRepositoryIfMissing(CreateRepositoryIfMissing == true)), CancellationToken.None);
        }));
}
