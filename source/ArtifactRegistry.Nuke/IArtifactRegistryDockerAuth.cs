using ArtifactRegistry.DockerAuth;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// The EnsureDockerAuth target as a NUKE component: <c>class Build : NukeBuild, IArtifactRegistryDockerAuth</c>, then
/// <c>./build.sh EnsureDockerAuth --image asia-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE</c> (or <c>--images</c> for several).
/// Deploy targets depend on it: <c>.DependsOn&lt;IArtifactRegistryDockerAuth&gt;(x =&gt; x.EnsureDockerAuth)</c>.
/// </summary>
public interface IArtifactRegistryDockerAuth : IArtifactRegistryImage
{
    [Parameter("Images the build pushes, HOST/PROJECT-ID/REPOSITORY/IMAGE[:TAG] (comma-separated in the environment); their hosts get docker credentials - Default: --image", Separator = ",")]
    string[]? Images => TryGetValue(() => Images);

    [Parameter("How docker gets credentials: Auto (default: gcloud if it has an account, else Application Default Credentials), CredentialHelper or AccessToken")]
    DockerAuthMode? DockerAuthMode => TryGetValue<DockerAuthMode?>(() => DockerAuthMode);

    [Parameter("Skip the access preflight (testIamPermissions on each repository) that runs before a push by default")]
    bool? SkipAccessPreflight => TryGetValue<bool?>(() => SkipAccessPreflight);

    [Parameter("Create a missing repository (DOCKER format) when the principal may")]
    bool? CreateRepositoryIfMissing => TryGetValue<bool?>(() => CreateRepositoryIfMissing);

    /// <summary>Override to adjust the settings further (access needs, extra hosts…); the environment, host map and endpoints are the context's (<see cref="IArtifactRegistryContext.ArtifactRegistryContext"/>).</summary>
    Configure<EnsureDockerAuthSettings> EnsureDockerAuthSettings => settings => settings;

    Target EnsureDockerAuth => _ => _
        .Description("Gives docker credentials for the images' Artifact Registry hosts and checks access before the build")
        .Executes(async () =>
        {
            var images = Images ?? (Image is { } image ? [image] : throw new InvalidOperationException(
                "EnsureDockerAuth needs the image the build pushes, for its registry host: --image asia-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE " +
                "(or --images for several; IMAGE in the environment or .nuke/parameters.json works too)."));
            await ArtifactRegistryTasks.EnsureDockerAuthAsync(ArtifactRegistryTasks.ContextFor(this), settings => EnsureDockerAuthSettings(settings
                .SetImages(images)
                .SetMode(DockerAuthMode ?? DockerAuth.DockerAuthMode.Auto)
                .SetAccessPreflight(SkipAccessPreflight != true)
                .SetCreateRepositoryIfMissing(CreateRepositoryIfMissing == true)), CancellationToken.None);
        });
}
