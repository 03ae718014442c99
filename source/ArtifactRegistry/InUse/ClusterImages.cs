using ArtifactRegistry.Context;
using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.Rollouts;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.InUse;

/// <summary>
/// Reads the images in use on kube contexts (<see cref="ImagesInUse"/>): one list call per resource kind and context, across all
/// namespaces. <c>var inUse = await ClusterImages.ReadAsync(context, ["gke_p_europe-west1_prod"]);</c>
/// </summary>
public static class ClusterImages
{
    /// <param name="kubeContexts">The contexts to read; a null entry means the context's own (<see cref="OperationContext.KubeContext"/>, else the current one).</param>
    /// <exception cref="KubeconfigException">A context cannot be reached from the kubeconfig.</exception>
    /// <exception cref="KubernetesApiException">The API server refused to list pods, replica sets or workloads in all namespaces.</exception>
    public static async Task<ImagesInUse> ReadAsync(OperationContext context, IEnumerable<string?> kubeContexts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(kubeContexts);
        var names = new List<string>();
        var uses = new List<ImageUse>();
        foreach (var kubeContext in kubeContexts.Distinct())
        {
            using var cluster = new KubeCluster(KubeconfigLoader.Load(context.KubeconfigOptions(kubeContext)), context.Logger, context.Time);
            var name = cluster.Connection.ContextName;
            names.Add(name);
            var found = await ReadAsync(cluster, context.Logger, cancellationToken).ConfigureAwait(false);
            uses.AddRange(found);
            context.Logger.LogInformation("Kube context {Context}: {Digests} digests in use ({Uses} uses)", name,
                found.Where(use => use.Digest is not null).Select(use => use.Digest).Distinct().Count(), found.Count);
        }
        return new ImagesInUse { KubeContexts = names, Uses = uses };
    }

    private static async Task<List<ImageUse>> ReadAsync(KubeCluster cluster, ILogger logger, CancellationToken cancellationToken)
    {
        var context = cluster.Connection.ContextName;
        var uses = new List<ImageUse>();

        var pods = cluster.ListAllPodsAsync(cancellationToken);
        var sets = cluster.ListAllReplicaSetsAsync(cancellationToken);
        var deployments = cluster.ListAllDeploymentsAsync(cancellationToken);
        var statefulSets = Optional(cluster.ListAllStatefulSetsAsync(cancellationToken), "statefulsets", logger, context);
        var daemonSets = Optional(cluster.ListAllDaemonSetsAsync(cancellationToken), "daemonsets", logger, context);
        var revisions = Optional(cluster.ListAllControllerRevisionsAsync(cancellationToken), "controllerrevisions", logger, context);

        foreach (var pod in (await pods.ConfigureAwait(false)).Items)
        {
            var owner = $"pod/{pod.Metadata.Name}";
            var statuses = (pod.Status?.ContainerStatuses ?? []).Concat(pod.Status?.InitContainerStatuses ?? []);
            foreach (var status in statuses.Where(status => !string.IsNullOrEmpty(status.ImageID)))
            {
                var resolved = ContainerImage.Read(status.ImageID);
                uses.Add(new ImageUse(context, pod.Metadata.NamespaceProperty, owner, ImageUseSource.PodStatus, resolved, resolved.Digest));
            }
            uses.AddRange(FromSpec(context, pod.Metadata.NamespaceProperty, owner, ImageUseSource.PodSpec, pod.Spec));
        }
        foreach (var set in (await sets.ConfigureAwait(false)).Items)
            uses.AddRange(FromSpec(context, set.Metadata.NamespaceProperty, $"replicaset/{set.Metadata.Name}", ImageUseSource.ReplicaSet, set.Spec?.Template?.Spec));
        foreach (var deployment in (await deployments.ConfigureAwait(false)).Items)
            uses.AddRange(FromSpec(context, deployment.Metadata.NamespaceProperty, $"deployment/{deployment.Metadata.Name}", ImageUseSource.Workload, deployment.Spec?.Template?.Spec));
        foreach (var set in (await statefulSets.ConfigureAwait(false))?.Items ?? [])
            uses.AddRange(FromSpec(context, set.Metadata.NamespaceProperty, $"statefulset/{set.Metadata.Name}", ImageUseSource.Workload, set.Spec?.Template?.Spec));
        foreach (var set in (await daemonSets.ConfigureAwait(false))?.Items ?? [])
            uses.AddRange(FromSpec(context, set.Metadata.NamespaceProperty, $"daemonset/{set.Metadata.Name}", ImageUseSource.Workload, set.Spec?.Template?.Spec));
        foreach (var revision in (await revisions.ConfigureAwait(false))?.Items ?? [])
            if (revision.Metadata.OwnerReferences?.Any(owner => owner.Kind is "StatefulSet" or "DaemonSet") == true)
                uses.AddRange(FromSpec(context, revision.Metadata.NamespaceProperty, $"controllerrevision/{revision.Metadata.Name}", ImageUseSource.ControllerRevision,
                    ControllerRevisionData.Template(revision).Spec));
        return uses;
    }

    /// <summary>Pod specs list the image as written; only a pinned one names a digest (a tag-only one is listed without).</summary>
    private static IEnumerable<ImageUse> FromSpec(string context, string ns, string owner, ImageUseSource source, V1PodSpec? spec) =>
        (spec?.Containers ?? []).Concat(spec?.InitContainers ?? [])
        .Where(container => !string.IsNullOrEmpty(container.Image))
        .Select(container => ContainerImage.Read(container.Image))
        .Where(image => source != ImageUseSource.PodSpec || image.Digest is not null) // a pod's tag-only spec is covered by its status
        .Select(image => new ImageUse(context, ns, owner, source, image, image.Digest));

    /// <summary>A resource the API server does not serve (404 on the list) has nothing in use; any other refusal fails the read.</summary>
    private static async Task<T?> Optional<T>(Task<T> list, string resource, ILogger logger, string context) where T : class
    {
        try
        {
            return await list.ConfigureAwait(false);
        }
        catch (KubernetesApiException exception) when (exception.Problem == KubernetesApiProblem.NotFound)
        {
            logger.LogDebug("Kube context {Context} serves no {Resource}", context, resource);
            return null;
        }
    }
}
