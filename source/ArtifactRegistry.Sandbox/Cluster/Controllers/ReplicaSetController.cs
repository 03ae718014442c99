using ArtifactRegistry.Sandbox.Cluster.Store;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>
/// Keeps each replica set's pods at <c>spec.replicas</c>: creates pods from the template (named <c>RS-xxxxx</c>, owned by the
/// replica set), deletes the least useful ones first when scaling down (unscheduled, then pending, then not ready, then the
/// newest), and reports replicas, ready and available counts (available = ready for <c>minReadySeconds</c>).
/// </summary>
internal sealed class ReplicaSetController(ClusterStore store, EventRecorder events, ControlLoop loop)
{
    private const string Component = "replicaset-controller";
    private long _counter;

    public void Reconcile(string key)
    {
        var slash = key.IndexOf('/');
        var stored = store.Get(ResourceType.ReplicaSets, key[..slash], key[(slash + 1)..]);
        if (stored is null)
            return;
        var rs = stored.As<V1ReplicaSet>();
        var pods = store.Children(rs.Metadata.Uid, ResourceType.Pods).Select(p => p.As<V1Pod>()).ToList();
        var active = pods.Where(p => p.Metadata.DeletionTimestamp is null).ToList();
        var desired = rs.Spec.Replicas ?? 1;
        if (active.Count < desired)
        {
            for (var i = active.Count; i < desired; i++)
                active.Add(CreatePod(rs));
        }
        else if (active.Count > desired)
        {
            foreach (var doomed in active.OrderBy(Rank).ThenByDescending(p => p.Metadata.CreationTimestamp).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal).Take(active.Count - desired).ToList())
            {
                var deleted = store.Update(ResourceType.Pods, doomed.Metadata.NamespaceProperty, doomed.Metadata.Name, o =>
                {
                    if (o.Metadata.DeletionTimestamp is not null)
                        return false;
                    o.Metadata.DeletionTimestamp = store.Now;
                    o.Metadata.DeletionGracePeriodSeconds = 30;
                    return true;
                });
                active.Remove(doomed);
                events.Normal(rs, "SuccessfulDelete", $"Deleted pod: {deleted.Name}", Component);
            }
        }

        var minReady = TimeSpan.FromSeconds(rs.Spec.MinReadySeconds ?? 0);
        var now = store.Now;
        var ready = active.Where(IsReady).ToList();
        var available = ready.Count(p => ReadySince(p) + minReady <= now);
        if (available < ready.Count)
            loop.EnqueueAfter(new WorkItem(ResourceType.ReplicaSets, key), ready.Select(p => ReadySince(p) + minReady - now).Where(d => d > TimeSpan.Zero).Min() + TimeSpan.FromMilliseconds(50));
        var status = new V1ReplicaSetStatus
        {
            Replicas = active.Count,
            FullyLabeledReplicas = active.Count,
            ReadyReplicas = ready.Count,
            AvailableReplicas = available,
            ObservedGeneration = rs.Metadata.Generation,
        };
        store.Update(ResourceType.ReplicaSets, rs.Metadata.NamespaceProperty, rs.Metadata.Name, o =>
        {
            var current = (V1ReplicaSet)o;
            if (ModelJson.Same(current.Status, status))
                return false;
            current.Status = status;
            return true;
        });
    }

    public static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static DateTime ReadySince(V1Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.LastTransitionTime ?? DateTime.MinValue;

    private static int Rank(V1Pod pod) =>
        pod.Spec?.NodeName is null ? 0 : pod.Status?.Phase == "Pending" ? 1 : !IsReady(pod) ? 2 : 3;

    private V1Pod CreatePod(V1ReplicaSet rs)
    {
        var template = KubernetesJson.Deserialize<V1PodTemplateSpec>(KubernetesJson.Serialize(rs.Spec.Template));
        V1Pod? created = null;
        for (var attempt = 0; created is null; attempt++)
        {
            var pod = new V1Pod
            {
                Metadata = new V1ObjectMeta
                {
                    Name = $"{rs.Metadata.Name}-{PodTemplates.Suffix(Interlocked.Increment(ref _counter))}",
                    GenerateName = rs.Metadata.Name + "-",
                    NamespaceProperty = rs.Metadata.NamespaceProperty,
                    Labels = template.Metadata?.Labels,
                    Annotations = template.Metadata?.Annotations,
                    OwnerReferences = [DeploymentController.Owner("ReplicaSet", rs.Metadata)],
                },
                Spec = template.Spec,
                Status = new V1PodStatus { Phase = "Pending", QosClass = "BestEffort" },
            };
            try
            {
                created = store.Create(ResourceType.Pods, pod).As<V1Pod>();
            }
            catch (ClusterStoreException) when (attempt < 5)
            {
                // The name is taken (a pod of an earlier run): the next counter value gives another.
            }
        }

        events.Normal(rs, "SuccessfulCreate", $"Created pod: {created.Metadata.Name}", Component);
        return created;
    }
}
