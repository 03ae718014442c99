using k8s;
using k8s.Models;

namespace ArtifactRegistry.Kubernetes;

/// <summary>What a pod follower reports: the whole <see cref="Listing"/> (first, and after a 410), or one pod's change.</summary>
internal sealed record PodsChange(IReadOnlyList<V1Pod>? Listing, WatchEventType Type, V1Pod? Pod);
