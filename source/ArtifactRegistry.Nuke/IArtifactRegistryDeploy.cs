using ArtifactRegistry.Deploying;
using ArtifactRegistry.Publishing;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// Every Artifact Registry target in one component, and Deploy, the seed script as one step: EnsureDockerAuth → BuildAndPush →
/// SetImage, the workloads pinned to the digest just pushed. A build opts in with <c>class Build : NukeBuild, IArtifactRegistryDeploy</c>
/// and runs <c>./build.sh Deploy --image asia-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE --workloads deployment/NAME --kube-namespace NS</c>.
/// One set of parameters serves all the targets (command line, environment, <c>.nuke/parameters.json</c>); a build with several
/// images declares them in <see cref="DeploySettings"/>, each with its build context and workloads.
/// </summary>
public interface IArtifactRegistryDeploy : IArtifactRegistryBuildAndPush, IArtifactRegistrySetImage, IArtifactRegistryGrantReader, IArtifactRegistryPrune, IArtifactRegistryTags
{
    /// <summary>
    /// Override to change the deploy in code, e.g. several images:
    /// <c>settings =&gt; settings.ClearImages().AddImage(".../api", RootDirectory / "api", "deployment/api").AddImage(".../worker", RootDirectory / "worker", "deployment/worker")</c>.
    /// It gets the settings the parameters and the <see cref="IArtifactRegistryBuildAndPush.BuildAndPushSettings"/> and
    /// <see cref="IArtifactRegistrySetImage.SetImageSettings"/> hooks made.
    /// </summary>
    Configure<DeploySettings> DeploySettings => settings => settings;

    /// <summary>A kustomization (file or directory) the pushed image is pinned in for GitOps, as <c>kustomize edit set image</c> writes it; without workloads Deploy then only pushes and pins.</summary>
    [Parameter("Kustomization (kustomization.yaml or its directory) to pin the pushed image in, as kustomize edit set image does (newName, digest); without --workloads, Deploy pushes and pins only")]
    string? Kustomization => TryGetValue(() => Kustomization);

    /// <summary>EnsureDockerAuth, BuildAndPush and SetImage in one step: builds and pushes every image of <see cref="DeploySettings"/>, then rolls its workloads out pinned to the new digest; with <see cref="IArtifactRegistryGrantReader.ReaderMember"/>, grants that member read access before the rollout.</summary>
    Target Deploy => _ => _
        .Description("Builds and pushes the image, then rolls the workloads out pinned to its new digest (EnsureDockerAuth → BuildAndPush → SetImage); with --reader-member, grants the nodes read access too")
        .Executes(() => Run(async () =>
        {
            await ArtifactRegistryBuild.DeployAsync(WithKubeParameters(TargetContext), settings => DeploySettings(ConfigureFromParameters(settings)), CancellationToken.None);
        }));

    /// <summary>The image of --image with its context and workloads, and what every image's build and rollout start from.</summary>
    private DeploySettings ConfigureFromParameters(DeploySettings settings)
    {
        settings = settings
            .SetBuild(build => BuildAndPushSettings(((IArtifactRegistryBuildAndPush)this).ConfigureFromParameters(build)))
            .SetRollout(rollout => SetImageSettings(((IArtifactRegistrySetImage)this).ConfigureFromParameters(rollout)))
            .SetReaderMember(ReaderMember)
            .SetDryRun(DryRun == true)
            .SetKustomization(Kustomization);
        return Image is null
            ? settings
            : settings.AddImage(new DeployImage(Image)
            {
                ContextDirectory = DockerContext ?? RootDirectory,
                Dockerfile = Dockerfile,
                Workloads = [.. Workloads ?? []],
                Container = Container,
            });
    }
}
