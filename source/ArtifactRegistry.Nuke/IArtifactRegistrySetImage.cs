using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// The SetImage target as a NUKE component: <c>class Build : NukeBuild, IArtifactRegistryBuildAndPush, IArtifactRegistrySetImage</c>, then
/// <c>./build.sh BuildAndPush SetImage --workloads deployment/api --kube-namespace prod</c>. After BuildAndPush in the same build it
/// deploys the pushed image, pinned to its digest; alone it takes <c>--deploy-image</c> (a tag is resolved to its digest).
/// </summary>
public interface IArtifactRegistrySetImage : IArtifactRegistryContext
{
    [Parameter("Workloads to roll out: deployment/NAME, statefulset/NAME or daemonset/NAME (comma-separated in the environment)", Separator = ",")]
    string[]? Workloads => TryGetValue(() => Workloads);

    [Parameter("Image to deploy when BuildAndPush did not run in this build: IMAGE:TAG@sha256:…, or IMAGE:TAG (resolved to its digest)")]
    string? DeployImage => TryGetValue(() => DeployImage);

    [Parameter("Kube context - Default: the kubeconfig's current context")]
    string? KubeContext => TryGetValue(() => KubeContext);

    [Parameter("Kubeconfig file - Default: KUBECONFIG, else ~/.kube/config")]
    string? Kubeconfig => TryGetValue(() => Kubeconfig);

    [Parameter("Namespace of the workloads - Default: the kube context's namespace, else default")]
    string? KubeNamespace => TryGetValue(() => KubeNamespace);

    [Parameter("Container to change - Default: the container named like the workload, else the only one")]
    string? Container => TryGetValue(() => Container);

    [Parameter("How long a rollout may take, " + global::ArtifactRegistry.Durations.Duration.Forms + " - Default: 10m")]
    string? RolloutTimeout => TryGetValue(() => RolloutTimeout);

    [Parameter("Undo a failed deployment rollout to the previous revision and wait until it is healthy again")]
    bool? RollbackOnFailure => TryGetValue<bool?>(() => RollbackOnFailure);

    /// <summary>Override to adjust the settings further (commit for the change-cause, log lines…).</summary>
    Configure<SetImageSettings> SetImageSettings => settings => settings;

    Target SetImage => _ => _
        .Description("Deploys the image pinned to its digest to Kubernetes workloads and watches the rollout, failing fast with a diagnosis")
        .Requires(() => Workloads)
        .TryAfter<IArtifactRegistryBuildAndPush>(x => x.BuildAndPush)
        .Executes(async () =>
        {
            await ArtifactRegistryTasks.SetImageAsync(WithKubeParameters(ArtifactRegistryTasks.ContextFor(this)), settings => SetImageSettings(ConfigureFromParameters(settings)), CancellationToken.None);
        });

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
