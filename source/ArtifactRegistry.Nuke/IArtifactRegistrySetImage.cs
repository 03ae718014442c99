using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// The SetImage target as a NUKE component: <c>class Build : NukeBuild, IArtifactRegistryBuildAndPush, IArtifactRegistrySetImage</c>, then
/// <c>./build.sh BuildAndPush SetImage --workloads deployment/api --kube-namespace prod</c>. After BuildAndPush in the same build it
/// deploys the pushed image, pinned to its digest; alone it takes <c>--image IMAGE:TAG</c> (resolved to its digest) or <c>IMAGE:TAG@sha256:…</c>.
/// </summary>
public interface IArtifactRegistrySetImage : IArtifactRegistryImage
{
    /// <summary>The workloads to roll out: <c>deployment/NAME</c>, <c>statefulset/NAME</c> or <c>daemonset/NAME</c>.</summary>
    [Parameter("Workloads to roll out: deployment/NAME, statefulset/NAME or daemonset/NAME (comma-separated in the environment)", Separator = ",")]
    string[]? Workloads => TryGetValue(() => Workloads);

    /// <summary>SetImage's own name for the image to deploy, taken before a push of the same build and before <see cref="IArtifactRegistryImage.Image"/>: <c>IMAGE:TAG@sha256:…</c>, or <c>IMAGE:TAG</c>, resolved to its digest.</summary>
    [Parameter("Alias of --image for SetImage, taken before the image pushed in the same build: IMAGE:TAG@sha256:…, or IMAGE:TAG (resolved to its digest)")]
    string? DeployImage => TryGetValue(() => DeployImage);

    /// <summary>The kube context; default: the kubeconfig's current context.</summary>
    [Parameter("Kube context - Default: the kubeconfig's current context")]
    string? KubeContext => TryGetValue(() => KubeContext);

    /// <summary>The kubeconfig file; default: <c>KUBECONFIG</c>, else <c>~/.kube/config</c>.</summary>
    [Parameter("Kubeconfig file - Default: KUBECONFIG, else ~/.kube/config")]
    string? Kubeconfig => TryGetValue(() => Kubeconfig);

    /// <summary>The namespace of the workloads; default: the kube context's namespace, else <c>default</c>.</summary>
    [Parameter("Namespace of the workloads - Default: the kube context's namespace, else default")]
    string? KubeNamespace => TryGetValue(() => KubeNamespace);

    /// <summary>The container whose image changes; default: the container named like the workload, else the only one.</summary>
    [Parameter("Container to change - Default: the container named like the workload, else the only one")]
    string? Container => TryGetValue(() => Container);

    /// <summary>How long a rollout may take, e.g. <c>10m</c> or <c>90s</c>; default: 10 minutes.</summary>
    [Parameter("How long a rollout may take, " + global::ArtifactRegistry.Durations.Duration.Forms + " - Default: 10m")]
    string? RolloutTimeout => TryGetValue(() => RolloutTimeout);

    /// <summary>When true, a failed deployment rollout is undone to the previous revision, and the target waits until it is healthy again.</summary>
    [Parameter("Undo a failed deployment rollout to the previous revision and wait until it is healthy again")]
    bool? RollbackOnFailure => TryGetValue<bool?>(() => RollbackOnFailure);

    /// <summary>Override to adjust the settings further (commit for the change-cause, log lines…).</summary>
    Configure<SetImageSettings> SetImageSettings => settings => settings;

    /// <summary>
    /// Sets the image of <see cref="Workloads"/>, pinned to its digest, with a change-cause annotation, and watches the rollout, failing fast with a diagnosis
    /// on pull errors and crash loops. The image is <see cref="DeployImage"/>, else the one BuildAndPush pushed in this build (it runs after it), else <see cref="IArtifactRegistryImage.Image"/>.
    /// </summary>
    Target SetImage => _ => _
        .Description("Deploys the image pinned to its digest to Kubernetes workloads and watches the rollout, failing fast with a diagnosis")
        .Requires(() => Workloads)
        .TryAfter<IArtifactRegistryBuildAndPush>(x => x.BuildAndPush)
        .Executes(() => Run(async () =>
        {
            await ArtifactRegistryBuild.SetImageAsync(
                WithKubeParameters(TargetContext), settings => SetImageSettings(ConfigureFromParameters(settings)), fallbackImage: Image, CancellationToken.None);
        }));

    /// <summary>The context with --kubeconfig and --kube-context applied (Deploy's too).</summary>
    internal OperationContext WithKubeParameters(OperationContext context)
    {
        if (Kubeconfig is not null)
            context = context.SetKubeconfig(Kubeconfig);
        if (KubeContext is not null)
            context = context.SetKubeContext(KubeContext);
        return context;
    }

    /// <summary>The settings from this component's parameters (Deploy's too, for every image: its workloads and image are its own).</summary>
    internal SetImageSettings ConfigureFromParameters(SetImageSettings settings)
    {
        if (Workloads is not null)
            settings = settings.SetWorkloads(Workloads);
        if (DryRun == true)
            settings = settings.SetDryRun();
        settings = settings
            .SetNamespace(KubeNamespace)
            .SetContainer(Container)
            .SetRollbackOnFailure(RollbackOnFailure == true);
        if (DeployImage is not null)
            settings = settings.SetImage(DeployImage);
        if (RolloutTimeout is not null)
            settings = settings.SetRolloutTimeout(RolloutTimeout);
        return settings;
    }
}
