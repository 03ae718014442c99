using ArtifactRegistry.Context;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// The seed script as one step: EnsureDockerAuth, then BuildAndPush of every image, then SetImage of every workload, pinned to
/// the digests just pushed:
/// <c>await Deploy.RunAsync(context, s =&gt; s.AddImage("asia-docker.pkg.dev/my-project/repo/api", "src/api", "deployment/api").SetRollout(r =&gt; r.SetNamespace("prod")))</c>.
/// Replaces <c>gcloud auth configure-docker</c>, <c>docker build/tag/push</c> and <c>kubectl set image … --record</c>.
/// </summary>
public static class Deploy
{
    /// <summary>Runs with the settings <paramref name="configure"/> makes from the defaults.</summary>
    /// <inheritdoc cref="RunAsync(OperationContext, DeploySettings, CancellationToken)"/>
    public static Task<DeployResult> RunAsync(OperationContext context, Func<DeploySettings, DeploySettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RunAsync(context, configure(new DeploySettings()), cancellationToken);
    }

    /// <summary>
    /// In order: every image reference, workload and the reader member are checked; EnsureDockerAuth runs once for all the images;
    /// each image is built and pushed while the cluster's workloads are read and the reader grants made; then every image is rolled
    /// out at once, and the summary table logged.
    /// </summary>
    /// <exception cref="ArgumentException">No image, an image without workloads, a malformed workload or member, an image given twice.</exception>
    /// <exception cref="References.InvalidImageReferenceException">An image is not a valid Artifact Registry reference.</exception>
    /// <exception cref="Kubernetes.KubeconfigException">No kubeconfig, no such context, an exec plugin missing or failing.</exception>
    /// <exception cref="WorkloadNotFoundException">A workload or its namespace does not exist (found while docker builds).</exception>
    /// <exception cref="RolloutFailedException">A rollout failed; the message has the diagnosis and fix.</exception>
    /// <remarks>Everything BuildAndPush and SetImage throw, too: access refusals, docker failures, Kubernetes refusals.</remarks>
    public static Task<DeployResult> RunAsync(OperationContext context, DeploySettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        return new DeployOperation(context, settings).RunAsync(cancellationToken);
    }
}
