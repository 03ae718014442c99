using ArtifactRegistry.Context;
using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.Rollouts;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// What SetImage checks first (the kubeconfig and its context, every workload and its container), done by Deploy while docker
/// builds: a missing namespace or workload fails the deploy before the build has finished. The checked cluster is handed on,
/// so SetImage finds the kubeconfig read, its credentials fetched and the connection open.
/// </summary>
internal static class RolloutPreflight
{
    /// <exception cref="KubeconfigException">No kubeconfig, no such context, an exec plugin missing or failing.</exception>
    /// <exception cref="KubernetesApiException">The API server refused a read or cannot be reached.</exception>
    /// <exception cref="WorkloadNotFoundException">A workload or the namespace does not exist.</exception>
    /// <exception cref="ContainerNotFoundException">The container cannot be found or chosen.</exception>
    /// <returns>The cluster the checks read, for the caller to roll out on and dispose.</returns>
    public static async Task<KubeCluster> RunAsync(OperationContext context, IReadOnlyList<SetImageSettings> rollouts, CancellationToken cancellationToken)
    {
        var connection = KubeconfigLoader.Load(context.KubeconfigOptions());
        var cluster = new KubeCluster(connection, context.Logger, context.Time);
        var reads = rollouts.SelectMany(rollout => SetImageOperation.ParseWorkloads(rollout.Workloads).Select(async workload =>
        {
            var ns = rollout.Namespace ?? connection.Namespace ?? "default";
            var current = await WorkloadRollout.ReadAsync(cluster, workload, ns, cancellationToken).ConfigureAwait(false);
            ContainerSelection.Select(workload, current.Containers, rollout.Container);
        }));
        try
        {
            await Task.WhenAll(reads).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }
}
