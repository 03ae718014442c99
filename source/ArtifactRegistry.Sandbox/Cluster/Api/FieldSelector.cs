using ArtifactRegistry.Sandbox.Cluster.Store;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Api;

/// <summary>
/// A field selector (<c>?fieldSelector=metadata.name=sample-api</c>): <c>=</c>, <c>==</c> and <c>!=</c> terms, ANDed, on the fields
/// the API server indexes for each type (metadata.name and metadata.namespace everywhere; involvedObject.* for events, …).
/// </summary>
internal sealed class FieldSelector
{
    private readonly List<(string Field, string Value, bool Negate)> _terms = [];

    public bool IsEmpty => _terms.Count == 0;

    /// <summary>The value of <c>metadata.name=…</c> when the selector asks for exactly one name (a list can then be a lookup).</summary>
    public string? SingleName => _terms is [("metadata.name", var name, false)] ? name : null;

    /// <exception cref="KubeStatus">400 for a malformed term or a field the type does not support.</exception>
    public static FieldSelector Parse(string? text, ResourceType type)
    {
        var selector = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text))
            return selector;
        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            if (term.Length == 0)
                continue;
            var (at, length, negate) = term.Contains("!=", StringComparison.Ordinal) ? (term.IndexOf("!=", StringComparison.Ordinal), 2, true)
                : term.Contains("==", StringComparison.Ordinal) ? (term.IndexOf("==", StringComparison.Ordinal), 2, false)
                : (term.IndexOf('='), 1, false);
            if (at <= 0)
                throw KubeStatus.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            var field = term[..at].Trim();
            if (Value(type, field, null, probe: true) is null)
                throw KubeStatus.BadRequest($"field label not supported: {field}");
            selector._terms.Add((field, term[(at + length)..].Trim(), negate));
        }

        return selector;
    }

    public bool Matches(StoredObject stored) =>
        _terms.TrueForAll(t => (Value(stored.Type, t.Field, stored.Model, probe: false) == t.Value) != t.Negate);

    /// <summary>The field's value on an object; with <paramref name="probe"/>, "" for a supported field and null for an unknown one.</summary>
    private static string? Value(ResourceType type, string field, object? model, bool probe)
    {
        string? Get<T>(Func<T, string?> read) where T : class => probe ? "" : model is T typed ? read(typed) ?? "" : "";
        return (type.Kind, field) switch
        {
            (_, "metadata.name") => Get<k8s.IKubernetesObject<V1ObjectMeta>>(o => o.Metadata.Name),
            (_, "metadata.namespace") => Get<k8s.IKubernetesObject<V1ObjectMeta>>(o => o.Metadata.NamespaceProperty),
            ("Pod", "spec.nodeName") => Get<V1Pod>(p => p.Spec?.NodeName),
            ("Pod", "spec.restartPolicy") => Get<V1Pod>(p => p.Spec?.RestartPolicy),
            ("Pod", "spec.schedulerName") => Get<V1Pod>(p => p.Spec?.SchedulerName),
            ("Pod", "spec.serviceAccountName") => Get<V1Pod>(p => p.Spec?.ServiceAccountName),
            ("Pod", "status.phase") => Get<V1Pod>(p => p.Status?.Phase),
            ("Pod", "status.podIP") => Get<V1Pod>(p => p.Status?.PodIP),
            ("Event", "involvedObject.kind") => Get<Corev1Event>(e => e.InvolvedObject?.Kind),
            ("Event", "involvedObject.namespace") => Get<Corev1Event>(e => e.InvolvedObject?.NamespaceProperty),
            ("Event", "involvedObject.name") => Get<Corev1Event>(e => e.InvolvedObject?.Name),
            ("Event", "involvedObject.uid") => Get<Corev1Event>(e => e.InvolvedObject?.Uid),
            ("Event", "involvedObject.apiVersion") => Get<Corev1Event>(e => e.InvolvedObject?.ApiVersion),
            ("Event", "involvedObject.resourceVersion") => Get<Corev1Event>(e => e.InvolvedObject?.ResourceVersion),
            ("Event", "involvedObject.fieldPath") => Get<Corev1Event>(e => e.InvolvedObject?.FieldPath),
            ("Event", "reason") => Get<Corev1Event>(e => e.Reason),
            ("Event", "reportingComponent") => Get<Corev1Event>(e => e.ReportingComponent),
            ("Event", "source") => Get<Corev1Event>(e => e.Source?.Component),
            ("Event", "type") => Get<Corev1Event>(e => e.Type),
            ("ReplicaSet", "status.replicas") => Get<V1ReplicaSet>(r => r.Status?.Replicas.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Namespace", "status.phase") => Get<V1Namespace>(n => n.Status?.Phase),
            _ => null,
        };
    }
}
