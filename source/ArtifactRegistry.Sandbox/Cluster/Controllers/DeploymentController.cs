using System.Globalization;
using ArtifactRegistry.Sandbox.Cluster.Store;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>
/// The deployment controller: finds (or creates) the replica set whose template equals the deployment's, gives it the next
/// <c>deployment.kubernetes.io/revision</c>, rolls pods over from the old replica sets within <c>maxSurge</c> and
/// <c>maxUnavailable</c> (or all at once for <c>Recreate</c>), keeps old replica sets at zero for <c>rollout undo</c> up to
/// <c>revisionHistoryLimit</c>, and reports <c>observedGeneration</c>, the replica counts and the <c>Progressing</c> and
/// <c>Available</c> conditions (including <c>ProgressDeadlineExceeded</c>), as Kubernetes' own controller does.
/// </summary>
internal sealed class DeploymentController(ClusterStore store, EventRecorder events, ControlLoop loop)
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
    private const string Component = "deployment-controller";

    // Deployment annotations never copied to replica sets (the controller's own, and kubectl's last-applied configuration).
    private static readonly HashSet<string> NotCopied =
        [RevisionAnnotation, RevisionHistoryAnnotation, DesiredReplicasAnnotation, MaxReplicasAnnotation, "kubectl.kubernetes.io/last-applied-configuration"];

    public void Reconcile(string key)
    {
        var slash = key.IndexOf('/');
        var stored = store.Get(ResourceType.Deployments, key[..slash], key[(slash + 1)..]);
        if (stored is null)
            return;
        var d = stored.As<V1Deployment>();
        var all = store.Children(d.Metadata.Uid, ResourceType.ReplicaSets).Select(r => r.As<V1ReplicaSet>()).ToList();
        var template = PodTemplates.Canonical(d.Spec.Template);
        var newRs = all.FirstOrDefault(r => PodTemplates.Canonical(r.Spec.Template) == template);
        var maxRevision = all.Select(Revision).DefaultIfEmpty(0).Max();
        var replicas = d.Spec.Replicas ?? 1;
        var (surge, unavailable) = Limits(d);
        var createdNew = false;

        if (d.Spec.Paused != true)
        {
            if (newRs is null)
            {
                newRs = CreateReplicaSet(d, all, maxRevision + 1, replicas, surge);
                all.Add(newRs);
                createdNew = true;
            }
            else if (Revision(newRs) < maxRevision || !AnnotationsMatch(d, newRs))
            {
                newRs = Promote(d, newRs, Revision(newRs) < maxRevision ? maxRevision + 1 : Revision(newRs));
                all = all.Select(r => r.Metadata.Uid == newRs.Metadata.Uid ? newRs : r).ToList();
            }

            var revision = Revision(newRs).ToString(CultureInfo.InvariantCulture);
            if (Annotation(d.Metadata, RevisionAnnotation) != revision)
                d = store.Update(ResourceType.Deployments, d.Metadata.NamespaceProperty, d.Metadata.Name, o =>
                {
                    o.Metadata.Annotations ??= new Dictionary<string, string>();
                    o.Metadata.Annotations[RevisionAnnotation] = revision;
                    return true;
                }).As<V1Deployment>();

            all = d.Spec.Strategy?.Type == "Recreate" ? Recreate(d, newRs, all, replicas) : Roll(d, newRs, all, replicas, surge, unavailable);
            all = CleanUp(d, newRs, all);
        }

        SyncStatus(d, newRs, all, replicas, unavailable, createdNew);
    }

    private V1ReplicaSet CreateReplicaSet(V1Deployment d, IReadOnlyList<V1ReplicaSet> all, long revision, int replicas, int surge)
    {
        var template = KubernetesJson.Deserialize<V1PodTemplateSpec>(KubernetesJson.Serialize(d.Spec.Template));
        var hash = PodTemplates.Hash(template);
        template.Metadata ??= new V1ObjectMeta();
        template.Metadata.Labels ??= new Dictionary<string, string>();
        template.Metadata.Labels[PodTemplates.HashLabel] = hash;
        var selector = KubernetesJson.Deserialize<V1LabelSelector>(KubernetesJson.Serialize(d.Spec.Selector));
        selector.MatchLabels ??= new Dictionary<string, string>();
        selector.MatchLabels[PodTemplates.HashLabel] = hash;
        var current = all.Sum(r => r.Spec.Replicas ?? 0);
        var initial = d.Spec.Strategy?.Type == "Recreate"
            ? (current > 0 ? 0 : replicas)
            : Math.Clamp(replicas + surge - current, 0, replicas);
        var rs = new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta
            {
                Name = d.Metadata.Name + "-" + hash,
                NamespaceProperty = d.Metadata.NamespaceProperty,
                Labels = template.Metadata.Labels,
                Annotations = CopiedAnnotations(d, revision, replicas, surge),
                OwnerReferences = [Owner("Deployment", d.Metadata)],
            },
            Spec = new V1ReplicaSetSpec { Replicas = initial, MinReadySeconds = d.Spec.MinReadySeconds, Selector = selector, Template = template },
        };
        var created = store.Create(ResourceType.ReplicaSets, rs).As<V1ReplicaSet>();
        if (initial > 0)
            events.Normal(d, "ScalingReplicaSet", $"Scaled up replica set {created.Metadata.Name} from 0 to {initial}", Component);
        return created;
    }

    /// <summary>An existing replica set becomes the new one again (rollout undo): it takes the next revision and the deployment's annotations.</summary>
    private V1ReplicaSet Promote(V1Deployment d, V1ReplicaSet rs, long revision)
    {
        var (surge, _) = Limits(d);
        return store.Update(ResourceType.ReplicaSets, rs.Metadata.NamespaceProperty, rs.Metadata.Name, o =>
        {
            var old = Revision((V1ReplicaSet)o);
            var annotations = CopiedAnnotations(d, revision, d.Spec.Replicas ?? 1, surge);
            if (old != revision)
            {
                var history = Annotation(o.Metadata, RevisionHistoryAnnotation);
                annotations[RevisionHistoryAnnotation] = string.IsNullOrEmpty(history) ? old.ToString(CultureInfo.InvariantCulture) : history + "," + old;
            }

            o.Metadata.Annotations = annotations;
            return true;
        }).As<V1ReplicaSet>();
    }

    private List<V1ReplicaSet> Roll(V1Deployment d, V1ReplicaSet newRs, List<V1ReplicaSet> all, int replicas, int surge, int unavailable)
    {
        var newReplicas = newRs.Spec.Replicas ?? 0;
        if (newReplicas > replicas)
            return Scale(d, newRs, all, replicas);
        if (newReplicas < replicas)
        {
            var current = all.Sum(r => r.Spec.Replicas ?? 0);
            var scaleUp = Math.Min(replicas + surge - current, replicas - newReplicas);
            if (scaleUp > 0)
                return Scale(d, newRs, all, newReplicas + scaleUp);
        }

        var old = all.Where(r => r.Metadata.Uid != newRs.Metadata.Uid && (r.Spec.Replicas ?? 0) > 0).OrderBy(Revision).ToList();
        if (old.Count == 0)
            return all;
        var total = all.Sum(r => r.Spec.Replicas ?? 0);
        var minAvailable = replicas - unavailable;
        var newUnavailable = (newRs.Spec.Replicas ?? 0) - (newRs.Status?.AvailableReplicas ?? 0);
        var maxScaleDown = total - minAvailable - newUnavailable;
        if (maxScaleDown <= 0)
            return all;

        // First the old replica sets' pods that are not available anyway, then available ones while enough stay available.
        foreach (var rs in old)
        {
            if (maxScaleDown <= 0)
                break;
            var unhealthy = (rs.Spec.Replicas ?? 0) - (rs.Status?.AvailableReplicas ?? 0);
            var down = Math.Min(maxScaleDown, unhealthy);
            if (down <= 0)
                continue;
            all = Scale(d, rs, all, (rs.Spec.Replicas ?? 0) - down);
            maxScaleDown -= down;
        }

        var available = all.Sum(r => r.Status?.AvailableReplicas ?? 0);
        var canDrop = available - minAvailable;
        foreach (var rs in all.Where(r => r.Metadata.Uid != newRs.Metadata.Uid && (r.Spec.Replicas ?? 0) > 0).OrderBy(Revision).ToList())
        {
            if (canDrop <= 0)
                break;
            var down = Math.Min(canDrop, rs.Spec.Replicas ?? 0);
            all = Scale(d, rs, all, (rs.Spec.Replicas ?? 0) - down);
            canDrop -= down;
        }

        return all;
    }

    private List<V1ReplicaSet> Recreate(V1Deployment d, V1ReplicaSet newRs, List<V1ReplicaSet> all, int replicas)
    {
        foreach (var rs in all.Where(r => r.Metadata.Uid != newRs.Metadata.Uid && (r.Spec.Replicas ?? 0) > 0).ToList())
            all = Scale(d, rs, all, 0);
        var oldPods = all.Where(r => r.Metadata.Uid != newRs.Metadata.Uid).Sum(r => store.Children(r.Metadata.Uid, ResourceType.Pods).Count);
        return oldPods == 0 && (newRs.Spec.Replicas ?? 0) != replicas ? Scale(d, newRs, all, replicas) : all;
    }

    private List<V1ReplicaSet> Scale(V1Deployment d, V1ReplicaSet rs, List<V1ReplicaSet> all, int to)
    {
        var from = rs.Spec.Replicas ?? 0;
        if (from == to)
            return all;
        var (surge, _) = Limits(d);
        var scaled = store.Update(ResourceType.ReplicaSets, rs.Metadata.NamespaceProperty, rs.Metadata.Name, o =>
        {
            var r = (V1ReplicaSet)o;
            r.Spec.Replicas = to;
            r.Metadata.Annotations ??= new Dictionary<string, string>();
            r.Metadata.Annotations[DesiredReplicasAnnotation] = (d.Spec.Replicas ?? 1).ToString(CultureInfo.InvariantCulture);
            r.Metadata.Annotations[MaxReplicasAnnotation] = ((d.Spec.Replicas ?? 1) + surge).ToString(CultureInfo.InvariantCulture);
            return true;
        }).As<V1ReplicaSet>();
        events.Normal(d, "ScalingReplicaSet", $"Scaled {(to > from ? "up" : "down")} replica set {rs.Metadata.Name} from {from} to {to}", Component);
        return all.Select(r => r.Metadata.Uid == scaled.Metadata.Uid ? scaled : r).ToList();
    }

    /// <summary>Deletes the oldest idle replica sets beyond <c>revisionHistoryLimit</c> (default 10).</summary>
    private List<V1ReplicaSet> CleanUp(V1Deployment d, V1ReplicaSet newRs, List<V1ReplicaSet> all)
    {
        var limit = d.Spec.RevisionHistoryLimit ?? 10;
        var idle = all.Where(r => r.Metadata.Uid != newRs.Metadata.Uid && (r.Spec.Replicas ?? 0) == 0 && (r.Status?.Replicas ?? 0) == 0
                                  && r.Status?.ObservedGeneration == r.Metadata.Generation)
            .OrderBy(Revision).ToList();
        foreach (var rs in idle.Take(Math.Max(0, idle.Count - limit)))
        {
            store.Delete(ResourceType.ReplicaSets, rs.Metadata.NamespaceProperty, rs.Metadata.Name);
            all = all.Where(r => r.Metadata.Uid != rs.Metadata.Uid).ToList();
        }

        return all;
    }

    private void SyncStatus(V1Deployment d, V1ReplicaSet? newRs, IReadOnlyList<V1ReplicaSet> all, int replicas, int unavailable, bool createdNew)
    {
        var now = store.Now;
        var available = all.Sum(r => r.Status?.AvailableReplicas ?? 0);
        var status = new V1DeploymentStatus
        {
            ObservedGeneration = d.Metadata.Generation,
            Replicas = all.Sum(r => r.Status?.Replicas ?? 0),
            UpdatedReplicas = newRs?.Status?.Replicas ?? 0,
            ReadyReplicas = all.Sum(r => r.Status?.ReadyReplicas ?? 0),
            AvailableReplicas = available,
            UnavailableReplicas = Math.Max(0, replicas - available),
            CollisionCount = d.Status?.CollisionCount,
            Conditions = (d.Status?.Conditions ?? []).Select(c => KubernetesJson.Deserialize<V1DeploymentCondition>(KubernetesJson.Serialize(c))).ToList(),
        };
        var oldStatus = d.Status ?? new V1DeploymentStatus();
        SetCondition(status, "Available", available >= replicas - unavailable ? "True" : "False",
            available >= replicas - unavailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            available >= replicas - unavailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now);

        var progressing = status.Conditions.FirstOrDefault(c => c.Type == "Progressing");
        var deadline = d.Spec.ProgressDeadlineSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var name = newRs?.Metadata.Name;
        if (d.Spec.Paused == true)
        {
            SetCondition(status, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now);
        }
        else if (newRs is not null)
        {
            var complete = status.UpdatedReplicas == replicas && status.Replicas == replicas && status.AvailableReplicas == replicas;
            var oldReplicas = status.Replicas - status.UpdatedReplicas;
            var oldOldReplicas = (oldStatus.Replicas ?? 0) - (oldStatus.UpdatedReplicas ?? 0);
            var madeProgress = status.UpdatedReplicas > (oldStatus.UpdatedReplicas ?? 0) || oldReplicas < oldOldReplicas
                               || status.ReadyReplicas > (oldStatus.ReadyReplicas ?? 0) || status.AvailableReplicas > (oldStatus.AvailableReplicas ?? 0);
            if (createdNew)
                SetCondition(status, "Progressing", "True", "NewReplicaSetCreated", $"Created new replica set \"{name}\"", now, touch: true);
            else if (complete)
                SetCondition(status, "Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{name}\" has successfully progressed.", now);
            else if (progressing is null)
                SetCondition(status, "Progressing", "True", "FoundNewReplicaSet", $"Found new replica set \"{name}\"", now, touch: true);
            else if (madeProgress || progressing.Reason == "NewReplicaSetAvailable" || progressing.Reason == "ProgressDeadlineExceeded" && d.Metadata.Generation != oldStatus.ObservedGeneration)
                SetCondition(status, "Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{name}\" is progressing.", now, touch: true);
            else if (deadline is { } limit && progressing.Status == "True" && progressing.LastUpdateTime + limit <= now)
                SetCondition(status, "Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{name}\" has timed out progressing.", now);

            progressing = status.Conditions.First(c => c.Type == "Progressing");
            if (deadline is { } wait && progressing is { Status: "True" } && progressing.Reason != "NewReplicaSetAvailable")
                loop.EnqueueAfter(new WorkItem(ResourceType.Deployments, ClusterStore.Key(d.Metadata.NamespaceProperty, d.Metadata.Name)),
                    (progressing.LastUpdateTime ?? now) + wait - now + TimeSpan.FromMilliseconds(1001));
        }

        // Available first, then Progressing, as the deployment controller leaves them (kubectl describe prints them in this order).
        status.Conditions = status.Conditions.OrderBy(c => c.Type == "Available" ? 0 : 1).ToList();
        store.Update(ResourceType.Deployments, d.Metadata.NamespaceProperty, d.Metadata.Name, o =>
        {
            var current = (V1Deployment)o;
            if (current.Metadata.Uid != d.Metadata.Uid || ModelJson.Same(current.Status, status))
                return false;
            current.Status = status;
            return true;
        });
    }

    private static void SetCondition(V1DeploymentStatus status, string type, string value, string reason, string message, DateTime now, bool touch = false)
    {
        var existing = status.Conditions.FirstOrDefault(c => c.Type == type);
        if (existing is not null && existing.Status == value && existing.Reason == reason && existing.Message == message && !touch)
            return;
        if (existing is not null && existing.Status == value && existing.Reason == reason && existing.Message == message && existing.LastUpdateTime == now)
            return;
        var condition = new V1DeploymentCondition
        {
            Type = type,
            Status = value,
            Reason = reason,
            Message = message,
            LastUpdateTime = now,
            LastTransitionTime = existing is not null && existing.Status == value ? existing.LastTransitionTime : now,
        };
        if (existing is not null)
            status.Conditions.Remove(existing);
        status.Conditions.Add(condition);
    }

    private static Dictionary<string, string> CopiedAnnotations(V1Deployment d, long revision, int replicas, int surge)
    {
        var annotations = (d.Metadata.Annotations ?? new Dictionary<string, string>())
            .Where(a => !NotCopied.Contains(a.Key))
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        annotations[RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
        annotations[DesiredReplicasAnnotation] = replicas.ToString(CultureInfo.InvariantCulture);
        annotations[MaxReplicasAnnotation] = (replicas + surge).ToString(CultureInfo.InvariantCulture);
        return annotations;
    }

    /// <summary>The new replica set carries the deployment's own annotations (kubernetes.io/change-cause among them).</summary>
    private static bool AnnotationsMatch(V1Deployment d, V1ReplicaSet rs) =>
        (d.Metadata.Annotations ?? new Dictionary<string, string>()).Where(a => !NotCopied.Contains(a.Key))
        .All(a => Annotation(rs.Metadata, a.Key) == a.Value);

    public static long Revision(V1ReplicaSet rs) =>
        long.TryParse(Annotation(rs.Metadata, RevisionAnnotation), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0;

    public static string? Annotation(V1ObjectMeta meta, string key) =>
        meta.Annotations is not null && meta.Annotations.TryGetValue(key, out var value) ? value : null;

    /// <summary>The controller owner reference children carry (garbage collection and <c>rollout undo</c> find them by it).</summary>
    public static V1OwnerReference Owner(string kind, V1ObjectMeta owner) => new()
    {
        ApiVersion = "apps/v1",
        Kind = kind,
        Name = owner.Name,
        Uid = owner.Uid,
        BlockOwnerDeletion = true,
        Controller = true,
    };

    /// <summary>maxSurge (rounded up) and maxUnavailable (rounded down) as numbers of pods; both zero would stall, so then one may be unavailable.</summary>
    public static (int Surge, int Unavailable) Limits(V1Deployment d)
    {
        if (d.Spec.Strategy?.Type == "Recreate")
            return (0, d.Spec.Replicas ?? 1);
        var replicas = d.Spec.Replicas ?? 1;
        var surge = Resolve(d.Spec.Strategy?.RollingUpdate?.MaxSurge, replicas, roundUp: true, fallback: "25%");
        var unavailable = Resolve(d.Spec.Strategy?.RollingUpdate?.MaxUnavailable, replicas, roundUp: false, fallback: "25%");
        if (surge == 0 && unavailable == 0)
            unavailable = 1;
        return (surge, Math.Min(unavailable, replicas));
    }

    private static int Resolve(IntOrString? value, int replicas, bool roundUp, string fallback)
    {
        var text = value?.Value ?? fallback;
        if (text.EndsWith('%') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
            return (int)(roundUp ? Math.Ceiling(percent * replicas / 100) : Math.Floor(percent * replicas / 100));
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;
    }
}
