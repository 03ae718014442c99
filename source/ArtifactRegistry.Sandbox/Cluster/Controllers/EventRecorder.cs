using System.Globalization;
using ArtifactRegistry.Sandbox.Cluster.Store;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>
/// Writes core/v1 Events as the controllers and the kubelet do: one per (object, reason, message), its <c>count</c> and
/// <c>lastTimestamp</c> raised when it happens again (what <c>kubectl describe</c> shows as <c>x4 over 2m</c>). Only the newest
/// events are kept, as the API server's TTL keeps only recent ones.
/// </summary>
internal sealed class EventRecorder(ClusterStore store, int capacity = 5000)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Uid, string Reason, string Message), string> _names = [];
    private readonly Queue<(string Namespace, string Name, (string, string, string) Key)> _order = new();
    private long _counter;

    public void Normal(IKubernetesObject<V1ObjectMeta> about, string reason, string message, string component, string? host = null, string? fieldPath = null) =>
        Record(about, "Normal", reason, message, component, host, fieldPath);

    public void Warning(IKubernetesObject<V1ObjectMeta> about, string reason, string message, string component, string? host = null, string? fieldPath = null) =>
        Record(about, "Warning", reason, message, component, host, fieldPath);

    private void Record(IKubernetesObject<V1ObjectMeta> about, string type, string reason, string message, string component, string? host, string? fieldPath)
    {
        var ns = about.Metadata.NamespaceProperty ?? "default";
        var key = (about.Metadata.Uid, reason, message);
        var now = store.Now;
        string? existing;
        lock (_gate)
            _names.TryGetValue(key, out existing);
        if (existing is not null && store.Get(ResourceType.Events, ns, existing) is not null)
        {
            store.Update(ResourceType.Events, ns, existing, e =>
            {
                var ev = (Corev1Event)e;
                ev.Count = (ev.Count ?? 1) + 1;
                ev.LastTimestamp = now;
                return true;
            });
            return;
        }

        var name = $"{about.Metadata.Name}.{(0x18000000000000L + Interlocked.Increment(ref _counter) * 0x1F3A5L).ToString("x", CultureInfo.InvariantCulture)}";
        store.Create(ResourceType.Events, new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = about.ApiVersion,
                Kind = about.Kind,
                Name = about.Metadata.Name,
                NamespaceProperty = about.Metadata.NamespaceProperty,
                Uid = about.Metadata.Uid,
                ResourceVersion = about.Metadata.ResourceVersion,
                FieldPath = fieldPath,
            },
            Reason = reason,
            Message = message,
            Type = type,
            Source = new V1EventSource { Component = component, Host = host },
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
            ReportingComponent = component,
            ReportingInstance = host ?? "",
        });
        (string, string)? evicted = null;
        lock (_gate)
        {
            _names[key] = name;
            _order.Enqueue((ns, name, key));
            if (_order.Count > capacity)
            {
                var oldest = _order.Dequeue();
                _names.Remove(oldest.Key);
                evicted = (oldest.Namespace, oldest.Name);
            }
        }

        if (evicted is var (evictedNs, evictedName))
            store.Delete(ResourceType.Events, evictedNs, evictedName);
    }
}
