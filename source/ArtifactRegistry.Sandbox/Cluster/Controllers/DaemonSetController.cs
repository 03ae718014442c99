using System.Globalization;
using ArtifactRegistry.Sandbox.Cluster.Store;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>
/// The daemon set controller: one pod per node (pinned to it by node affinity on <c>metadata.name</c>, as the controller does,
/// so the scheduler binds it there), a template change recorded as a <see cref="ControllerRevisions">controller revision</see>,
/// <c>RollingUpdate</c> deleting old pods (unavailable ones first) while at most <c>maxUnavailable</c> nodes lack an available
/// pod, <c>OnDelete</c> replacing only pods someone deleted. Status as Kubernetes reports it: desired, current, ready, updated,
/// available and unavailable numbers, observedGeneration. <c>maxSurge</c> is not served (taken as 0). Only nodes the template's
/// <c>nodeSelector</c> matches get a pod; a pod on a node it no longer matches is deleted.
/// </summary>
internal sealed class DaemonSetController(ClusterStore store, EventRecorder events, ControlLoop loop, ControllerRevisions revisions, ClusterNodes clusterNodes)
{
    public const string TemplateGenerationLabel = "pod-template-generation";
    private const string Component = "daemonset-controller";
    private long _counter;

    public void Reconcile(string key)
    {
        var slash = key.IndexOf('/');
        var stored = store.Get(ResourceType.DaemonSets, key[..slash], key[(slash + 1)..]);
        if (stored is null)
            return;
        var set = stored.As<V1DaemonSet>();
        var history = revisions.Sync("DaemonSet", set, set.Spec.Template, ControllerRevisions.PodRevisionLabel);
        var hash = ControllerRevisions.Hash(history.Update, set.Metadata.Name);
        var minReady = TimeSpan.FromSeconds(set.Spec.MinReadySeconds ?? 0);
        var now = store.Now;
        var pods = store.Children(set.Metadata.Uid, ResourceType.Pods).Select(p => p.As<V1Pod>()).ToList();
        V1Pod? OnNode(string node) => pods.FirstOrDefault(p => !WorkloadPods.IsTerminating(p) && NodeOf(p) == node);
        var nodes = clusterNodes.Matching(set.Spec.Template?.Spec?.NodeSelector).Select(n => n.Name).ToList();
        foreach (var misplaced in pods.Where(p => !WorkloadPods.IsTerminating(p) && NodeOf(p) is { } node && !nodes.Contains(node)).ToList())
            pods[pods.IndexOf(misplaced)] = Delete(set, misplaced);

        foreach (var node in nodes.Where(node => OnNode(node) is null))
            pods.Add(CreatePod(set, hash, node));

        if (set.Spec.UpdateStrategy?.Type != "OnDelete")
        {
            var budget = WorkloadPods.MaxUnavailable(set.Spec.UpdateStrategy?.RollingUpdate?.MaxUnavailable, nodes.Count);
            var unavailable = nodes.Count(node => OnNode(node) is not { } pod || !WorkloadPods.IsAvailable(pod, minReady, now));
            var old = nodes.Select(OnNode).OfType<V1Pod>().Where(p => WorkloadPods.Label(p, ControllerRevisions.PodRevisionLabel) != hash).ToList();
            // Old pods that are not available cost nothing to replace; available ones only while the budget lasts.
            foreach (var pod in old.OrderBy(p => WorkloadPods.IsAvailable(p, minReady, now)).ThenBy(NodeOf, StringComparer.Ordinal))
            {
                var available = WorkloadPods.IsAvailable(pod, minReady, now);
                if (available && unavailable >= budget)
                    break;
                pods[pods.IndexOf(pod)] = Delete(set, pod);
                if (available)
                    unavailable++;
            }
        }

        var live = pods.Select(p => WorkloadPods.Label(p, ControllerRevisions.PodRevisionLabel)).OfType<string>().Select(h => $"{set.Metadata.Name}-{h}")
            .Append(history.Update.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        revisions.CleanUp(history.All, set.Spec.RevisionHistoryLimit ?? 10, live);
        SyncStatus(set, hash, nodes.Count, nodes.Select(OnNode).OfType<V1Pod>().ToList(), minReady, now, key);
    }

    private void SyncStatus(V1DaemonSet set, string hash, int desired, List<V1Pod> scheduled, TimeSpan minReady, DateTime now, string key)
    {
        var available = scheduled.Count(p => WorkloadPods.IsAvailable(p, minReady, now));
        var status = new V1DaemonSetStatus
        {
            ObservedGeneration = set.Metadata.Generation,
            DesiredNumberScheduled = desired,
            CurrentNumberScheduled = scheduled.Count,
            NumberMisscheduled = 0,
            NumberReady = scheduled.Count(WorkloadPods.IsHealthy),
            UpdatedNumberScheduled = scheduled.Count(p => WorkloadPods.Label(p, ControllerRevisions.PodRevisionLabel) == hash),
            NumberAvailable = available,
            NumberUnavailable = desired - available,
            CollisionCount = set.Status?.CollisionCount,
        };
        if (WorkloadPods.NextAvailable(scheduled, minReady, now) is { } wait)
            loop.EnqueueAfter(new WorkItem(ResourceType.DaemonSets, key), wait + TimeSpan.FromMilliseconds(50));
        store.Update(ResourceType.DaemonSets, set.Metadata.NamespaceProperty, set.Metadata.Name, o =>
        {
            var latest = (V1DaemonSet)o;
            if (latest.Metadata.Uid != set.Metadata.Uid || ModelJson.Same(latest.Status, status))
                return false;
            latest.Status = status;
            return true;
        });
    }

    private V1Pod CreatePod(V1DaemonSet set, string hash, string node)
    {
        var template = KubernetesJson.Deserialize<V1PodTemplateSpec>(KubernetesJson.Serialize(set.Spec.Template));
        var labels = new Dictionary<string, string>(template.Metadata?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [ControllerRevisions.PodRevisionLabel] = hash,
            [TemplateGenerationLabel] = (set.Metadata.Generation ?? 1).ToString(CultureInfo.InvariantCulture),
        };
        var spec = template.Spec;
        spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms = [new V1NodeSelectorTerm { MatchFields = [new V1NodeSelectorRequirement { Key = "metadata.name", OperatorProperty = "In", Values = [node] }] }],
                },
            },
        };
        V1Pod? created = null;
        for (var attempt = 0; created is null; attempt++)
        {
            try
            {
                created = store.Create(ResourceType.Pods, new V1Pod
                {
                    Metadata = new V1ObjectMeta
                    {
                        Name = $"{set.Metadata.Name}-{PodTemplates.Suffix(Interlocked.Increment(ref _counter))}",
                        GenerateName = set.Metadata.Name + "-",
                        NamespaceProperty = set.Metadata.NamespaceProperty,
                        Labels = labels,
                        Annotations = template.Metadata?.Annotations,
                        OwnerReferences = [DeploymentController.Owner("DaemonSet", set.Metadata)],
                    },
                    Spec = spec,
                    Status = new V1PodStatus { Phase = "Pending", QosClass = "BestEffort" },
                }).As<V1Pod>();
            }
            catch (ClusterStoreException) when (attempt < 5)
            {
                // The name is taken: the next counter value gives another.
            }
        }

        events.Normal(set, "SuccessfulCreate", $"Created pod: {created.Metadata.Name}", Component);
        return created;
    }

    private V1Pod Delete(V1DaemonSet set, V1Pod pod)
    {
        var deleted = store.Update(ResourceType.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, o =>
        {
            if (o.Metadata.DeletionTimestamp is not null)
                return false;
            o.Metadata.DeletionTimestamp = store.Now;
            o.Metadata.DeletionGracePeriodSeconds = 30;
            return true;
        }).As<V1Pod>();
        events.Normal(set, "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}", Component);
        return deleted;
    }

    /// <summary>The node a pod runs on, or the one its node affinity pins it to before it is bound.</summary>
    public static string? NodeOf(V1Pod pod) => pod.Spec?.NodeName ?? PinnedNode(pod);

    public static string? PinnedNode(V1Pod pod) =>
        pod.Spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms?
            .SelectMany(term => term.MatchFields ?? []).FirstOrDefault(field => field is { Key: "metadata.name", OperatorProperty: "In" })?.Values?.FirstOrDefault();
}
