using System.Globalization;
using ArtifactRegistry.Kubernetes;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// <c>kubectl rollout undo</c>'s rule for a deployment: take the pod template of the replica set with the highest revision below
/// the current one (among those the deployment controls), drop its <c>pod-template-hash</c> label, and put it back with one JSON
/// patch of <c>/spec/template</c> and <c>/metadata/annotations</c> (the replica set's annotations, the deployment's own revision
/// bookkeeping kept).
/// </summary>
internal static class DeploymentUndo
{
    public const string PodTemplateHashLabel = "pod-template-hash";

    /// <summary>Annotations the deployment keeps as they are, since they describe it rather than the template (kubectl's list).</summary>
    private static readonly string[] DeploymentOwnAnnotations =
    [
        WorkloadObject.RevisionAnnotation,
        "deployment.kubernetes.io/revision-history",
        "deployment.kubernetes.io/desired-replicas",
        "deployment.kubernetes.io/max-replicas",
        "kubectl.kubernetes.io/last-applied-configuration",
    ];

    /// <summary>The revision to go back to, or null when the deployment has no earlier one.</summary>
    public static V1ReplicaSet? FindPrevious(WorkloadObject deployment, IEnumerable<V1ReplicaSet> replicaSets)
    {
        var owned = replicaSets
            .Where(set => set.Metadata.OwnerReferences?.Any(owner => owner.Controller == true && owner.Uid == deployment.Uid) == true)
            .Select(set => (Set: set, Revision: Revision(set)))
            .Where(entry => entry.Revision is not null)
            .ToList();
        if (owned.Count == 0)
            return null;
        var current = deployment.Status.Revision is { } text && long.TryParse(text, CultureInfo.InvariantCulture, out var parsed) ? parsed : owned.Max(entry => entry.Revision!.Value);
        return owned.Where(entry => entry.Revision < current).OrderByDescending(entry => entry.Revision).Select(entry => entry.Set).FirstOrDefault();
    }

    /// <summary>The JSON patch (RFC 6902) that restores <paramref name="previous"/>'s template.</summary>
    public static string Patch(WorkloadObject deployment, V1ReplicaSet previous)
    {
        var template = KubernetesJson.Deserialize<V1PodTemplateSpec>(KubernetesJson.Serialize(previous.Spec.Template));
        template.Metadata?.Labels?.Remove(PodTemplateHashLabel);

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in previous.Metadata.Annotations ?? new Dictionary<string, string>())
            if (!DeploymentOwnAnnotations.Contains(key))
                annotations[key] = value;
        foreach (var key in DeploymentOwnAnnotations)
            if (deployment.Annotations.TryGetValue(key, out var value))
                annotations[key] = value;

        object[] operations =
        [
            new Operation("replace", "/spec/template", template),
            new Operation("replace", "/metadata/annotations", annotations),
        ];
        return KubernetesJson.Serialize(operations);
    }

    public static long? Revision(V1ReplicaSet set) =>
        set.Metadata.Annotations?.TryGetValue(WorkloadObject.RevisionAnnotation, out var text) == true && long.TryParse(text, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : null;

    private sealed record Operation(string Op, string Path, object Value);
}
