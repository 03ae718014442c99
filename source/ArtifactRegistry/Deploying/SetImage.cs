using ArtifactRegistry.Context;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// Deploys a digest-pinned image to Kubernetes workloads and watches the rollout, failing within seconds with a diagnosis
/// when it cannot succeed: <c>await SetImage.RunAsync(context, s =&gt; s.SetImage(pushed).SetWorkloads("deployment/api").SetNamespace("prod"))</c>.
/// Replaces <c>kubectl set image … --record</c> and <c>kubectl rollout status</c>.
/// </summary>
public static class SetImage
{
    /// <summary>Runs with the settings <paramref name="configure"/> makes from the defaults.</summary>
    /// <inheritdoc cref="RunAsync(OperationContext, SetImageSettings, CancellationToken)"/>
    public static Task<SetImageResult> RunAsync(OperationContext context, Func<SetImageSettings, SetImageSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RunAsync(context, configure(new SetImageSettings()), cancellationToken);
    }

    /// <summary>
    /// In order: the image and the workloads are parsed, the kubeconfig and kube context (the <paramref name="context"/>'s) resolved, a tag resolved to its digest,
    /// every workload read and its container chosen; then each gets one patch (image and change-cause) unless it already runs the
    /// digest, and all rollouts are watched at once until they finish, fail or time out.
    /// </summary>
    /// <exception cref="ArgumentException">No image, a bare name without tag or digest, no workloads or a malformed one, or a tag Artifact Registry does not know.</exception>
    /// <exception cref="References.InvalidImageReferenceException">The image is not a valid Artifact Registry reference.</exception>
    /// <exception cref="Kubernetes.KubeconfigException">No kubeconfig, no such context, an exec plugin missing or failing, unusable credentials.</exception>
    /// <exception cref="Kubernetes.KubernetesApiException">The API server refused a call (expired credentials, RBAC/IAM) or cannot be reached.</exception>
    /// <exception cref="WorkloadNotFoundException">A workload or the namespace does not exist; the message lists what does.</exception>
    /// <exception cref="Rollouts.ContainerNotFoundException">The container cannot be found or chosen; the message lists the containers.</exception>
    /// <exception cref="RolloutFailedException">A rollout failed (and, with RollbackOnFailure, what was restored); the result is inside.</exception>
    public static Task<SetImageResult> RunAsync(OperationContext context, SetImageSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        return new SetImageOperation(context, settings, new GkeNodeServiceAccounts(context)).RunAsync(cancellationToken);
    }
}
