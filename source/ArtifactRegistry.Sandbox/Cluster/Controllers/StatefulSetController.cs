using System.Globalization;
using ArtifactRegistry.Sandbox.Cluster.Store;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>
/// The stateful set controller: pods named <c>NAME-0</c> … <c>NAME-(N-1)</c>, created in ordinal order each after the one
/// before is running and ready (<c>OrderedReady</c>; all at once for <c>Parallel</c>); a template change recorded as a
/// <see cref="ControllerRevisions">controller revision</see>; <c>RollingUpdate</c> replacing pods from the highest ordinal
/// down to <c>partition</c>, at most <c>maxUnavailable</c> unavailable at a time; <c>OnDelete</c> replacing only pods someone
/// deleted. Status as Kubernetes reports it: replicas, ready, available, current and updated counts, current and update
/// revision (current takes the update's name once every pod runs it), observedGeneration.
/// </summary>
internal sealed class StatefulSetController(ClusterStore store, EventRecorder events, ControlLoop loop, ControllerRevisions revisions)
{
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";
    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";
    private const string Component = "statefulset-controller";

    public void Reconcile(string key)
    {
        var slash = key.IndexOf('/');
        var stored = store.Get(ResourceType.StatefulSets, key[..slash], key[(slash + 1)..]);
        if (stored is null)
            return;
        var set = stored.As<V1StatefulSet>();
        var history = revisions.Sync("StatefulSet", set, set.Spec.Template, ControllerRevisions.HashLabel);
        var update = history.Update;
        var current = history.All.FirstOrDefault(r => r.Metadata.Name == set.Status?.CurrentRevision) ?? update;
        var replicas = set.Spec.Replicas ?? 1;
        var rolling = set.Spec.UpdateStrategy?.Type != "OnDelete";
        var partition = rolling ? Math.Max(0, set.Spec.UpdateStrategy?.RollingUpdate?.Partition ?? 0) : 0;
        var ordered = set.Spec.PodManagementPolicy != "Parallel";
        var minReady = TimeSpan.FromSeconds(set.Spec.MinReadySeconds ?? 0);
        var now = store.Now;
        var pods = store.Children(set.Metadata.Uid, ResourceType.Pods).Select(p => p.As<V1Pod>()).ToDictionary(p => p.Metadata.Name, StringComparer.Ordinal);

        // Up: the missing ordinals, lowest first; ordered, nothing more happens until each pod is running and ready.
        var waiting = false;
        for (var ordinal = 0; ordinal < replicas && !waiting; ordinal++)
        {
            var name = PodName(set, ordinal);
            if (!pods.TryGetValue(name, out var pod))
            {
                pods[name] = CreatePod(set, rolling && ordinal < partition ? current : update, ordinal);
                waiting = ordered;
            }
            else if (ordered && !WorkloadPods.IsHealthy(pod))
            {
                waiting = true;
            }
        }

        // Down: ordinals at or above replicas, highest first.
        foreach (var extra in pods.Values.Where(p => Ordinal(set, p) >= replicas && !WorkloadPods.IsTerminating(p)).OrderByDescending(p => Ordinal(set, p)).ToList())
        {
            if (waiting)
                break;
            Delete(set, extra);
            waiting = ordered;
        }

        if (rolling && !waiting)
            RollingUpdate(set, update, pods, replicas, partition, minReady, now);

        var live = pods.Values.Select(p => WorkloadPods.Label(p, ControllerRevisions.PodRevisionLabel)).OfType<string>().Append(current.Metadata.Name).Append(update.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        revisions.CleanUp(history.All, set.Spec.RevisionHistoryLimit ?? 10, live);
        SyncStatus(set, current, update, pods.Values.ToList(), rolling, minReady, now, key);
    }

    /// <summary>From the highest ordinal down to the partition, old pods are deleted while fewer than maxUnavailable pods are unavailable.</summary>
    private void RollingUpdate(V1StatefulSet set, V1ControllerRevision update, Dictionary<string, V1Pod> pods, int replicas, int partition, TimeSpan minReady, DateTime now)
    {
        var budget = WorkloadPods.MaxUnavailable(set.Spec.UpdateStrategy?.RollingUpdate?.MaxUnavailable, replicas);
        var unavailable = Enumerable.Range(0, replicas).Count(i => !pods.TryGetValue(PodName(set, i), out var p) || !WorkloadPods.IsAvailable(p, minReady, now));
        for (var ordinal = replicas - 1; ordinal >= partition && unavailable < budget; ordinal--)
        {
            if (!pods.TryGetValue(PodName(set, ordinal), out var pod) || WorkloadPods.IsTerminating(pod))
                continue;
            if (WorkloadPods.Label(pod, ControllerRevisions.PodRevisionLabel) == update.Metadata.Name)
                continue;
            var wasAvailable = WorkloadPods.IsAvailable(pod, minReady, now);
            pods[pod.Metadata.Name] = Delete(set, pod);
            if (wasAvailable)
                unavailable++;
        }
    }

    private void SyncStatus(V1StatefulSet set, V1ControllerRevision current, V1ControllerRevision update, List<V1Pod> pods, bool rolling, TimeSpan minReady, DateTime now, string key)
    {
        var active = pods.Where(p => !WorkloadPods.IsTerminating(p)).ToList();
        var status = new V1StatefulSetStatus
        {
            ObservedGeneration = set.Metadata.Generation,
            Replicas = pods.Count,
            ReadyReplicas = active.Count(WorkloadPods.IsHealthy),
            AvailableReplicas = active.Count(p => WorkloadPods.IsAvailable(p, minReady, now)),
            CurrentReplicas = active.Count(p => WorkloadPods.Label(p, ControllerRevisions.PodRevisionLabel) == current.Metadata.Name),
            UpdatedReplicas = active.Count(p => WorkloadPods.Label(p, ControllerRevisions.PodRevisionLabel) == update.Metadata.Name),
            CurrentRevision = current.Metadata.Name,
            UpdateRevision = update.Metadata.Name,
            CollisionCount = set.Status?.CollisionCount ?? 0,
        };
        // A rolling update is complete when every pod runs the update revision and is ready: it becomes the current one.
        if (rolling && status.UpdatedReplicas == status.Replicas && status.ReadyReplicas == status.Replicas)
        {
            status.CurrentRevision = update.Metadata.Name;
            status.CurrentReplicas = status.UpdatedReplicas;
        }

        if (WorkloadPods.NextAvailable(active, minReady, now) is { } wait)
            loop.EnqueueAfter(new WorkItem(ResourceType.StatefulSets, key), wait + TimeSpan.FromMilliseconds(50));
        store.Update(ResourceType.StatefulSets, set.Metadata.NamespaceProperty, set.Metadata.Name, o =>
        {
            var latest = (V1StatefulSet)o;
            if (latest.Metadata.Uid != set.Metadata.Uid || ModelJson.Same(latest.Status, status))
                return false;
            latest.Status = status;
            return true;
        });
    }

    private V1Pod CreatePod(V1StatefulSet set, V1ControllerRevision revision, int ordinal)
    {
        var template = ControllerRevisions.Template(revision);
        var name = PodName(set, ordinal);
        var labels = new Dictionary<string, string>(template.Metadata?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [ControllerRevisions.PodRevisionLabel] = revision.Metadata.Name,
            [PodNameLabel] = name,
            [PodIndexLabel] = ordinal.ToString(CultureInfo.InvariantCulture),
        };
        var spec = template.Spec;
        spec.Hostname = name;
        spec.Subdomain = set.Spec.ServiceName;
        var created = store.Create(ResourceType.Pods, new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = set.Metadata.NamespaceProperty,
                Labels = labels,
                Annotations = template.Metadata?.Annotations,
                OwnerReferences = [DeploymentController.Owner("StatefulSet", set.Metadata)],
            },
            Spec = spec,
            Status = new V1PodStatus { Phase = "Pending", QosClass = "BestEffort" },
        }).As<V1Pod>();
        events.Normal(set, "SuccessfulCreate", $"create Pod {name} in StatefulSet {set.Metadata.Name} successful", Component);
        return created;
    }

    private V1Pod Delete(V1StatefulSet set, V1Pod pod)
    {
        var deleted = store.Update(ResourceType.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, o =>
        {
            if (o.Metadata.DeletionTimestamp is not null)
                return false;
            o.Metadata.DeletionTimestamp = store.Now;
            o.Metadata.DeletionGracePeriodSeconds = 30;
            return true;
        }).As<V1Pod>();
        events.Normal(set, "SuccessfulDelete", $"delete Pod {pod.Metadata.Name} in StatefulSet {set.Metadata.Name} successful", Component);
        return deleted;
    }

    private static string PodName(V1StatefulSet set, int ordinal) => $"{set.Metadata.Name}-{ordinal.ToString(CultureInfo.InvariantCulture)}";

    private static int Ordinal(V1StatefulSet set, V1Pod pod) =>
        int.TryParse(pod.Metadata.Name.AsSpan(set.Metadata.Name.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) ? ordinal : -1;
}
