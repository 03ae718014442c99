using ArtifactRegistry.Sandbox.Cluster.Store;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>
/// Deletion as the API server and the garbage collector do it (background propagation): a pod is marked terminating and
/// disappears when the kubelet has stopped it; a deployment takes its replica sets with it, a replica set its pods, a stateful or daemon set its pods and controller revisions, a
/// namespace everything in it.
/// </summary>
internal sealed class GarbageCollector(ClusterStore store, ControlLoop loop)
{
    /// <summary>Deletes an object; returns what the DELETE answer shows (the terminating pod, or the object as it was).</summary>
    public StoredObject Delete(StoredObject stored, int? gracePeriodSeconds = null)
    {
        if (stored.Type == ResourceType.Pods)
            return DeletePod(stored, gracePeriodSeconds);
        if (stored.Type == ResourceType.Namespaces)
        {
            foreach (var type in ResourceType.All.Where(t => t.Namespaced))
                foreach (var item in store.List(type, stored.Name).Items)
                    Delete(item, 0);
        }

        var deleted = store.Delete(stored.Type, stored.Namespace, stored.Name) ?? stored;
        foreach (var child in store.Children(stored.Uid, ResourceType.ReplicaSets).Concat(store.Children(stored.Uid, ResourceType.ControllerRevisions))
                     .Concat(store.Children(stored.Uid, ResourceType.Pods)))
            Delete(child);
        return deleted;
    }

    private StoredObject DeletePod(StoredObject stored, int? gracePeriodSeconds)
    {
        var pod = stored.As<V1Pod>();
        if (gracePeriodSeconds == 0 || pod.Spec?.NodeName is null)
            return store.Delete(ResourceType.Pods, stored.Namespace, stored.Name) ?? stored;
        var terminating = store.Update(ResourceType.Pods, stored.Namespace, stored.Name, o =>
        {
            if (o.Metadata.DeletionTimestamp is not null)
                return false;
            o.Metadata.DeletionTimestamp = store.Now;
            o.Metadata.DeletionGracePeriodSeconds = gracePeriodSeconds ?? (int?)((V1Pod)o).Spec?.TerminationGracePeriodSeconds ?? 30;
            return true;
        });
        loop.Enqueue(new WorkItem(ResourceType.Pods, ClusterStore.Key(stored.Namespace, stored.Name)));
        return terminating;
    }
}
