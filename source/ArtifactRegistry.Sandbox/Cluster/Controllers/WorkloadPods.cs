using System.Globalization;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>Pod facts the stateful set and daemon set controllers share: health, availability, and their rolling-update budgets.</summary>
internal static class WorkloadPods
{
    public static bool IsTerminating(V1Pod pod) => pod.Metadata.DeletionTimestamp is not null;

    /// <summary>Running and ready, and not on its way out.</summary>
    public static bool IsHealthy(V1Pod pod) => !IsTerminating(pod) && pod.Status?.Phase == "Running" && ReplicaSetController.IsReady(pod);

    /// <summary>Healthy for <paramref name="minReady"/> at <paramref name="now"/>.</summary>
    public static bool IsAvailable(V1Pod pod, TimeSpan minReady, DateTime now) =>
        IsHealthy(pod) && (pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.LastTransitionTime ?? DateTime.MinValue) + minReady <= now;

    /// <summary>When the next healthy pod becomes available (to look again then), or null.</summary>
    public static TimeSpan? NextAvailable(IEnumerable<V1Pod> pods, TimeSpan minReady, DateTime now) => pods
        .Where(p => IsHealthy(p) && !IsAvailable(p, minReady, now))
        .Select(p => (p.Status!.Conditions!.First(c => c.Type == "Ready").LastTransitionTime ?? now) + minReady - now)
        .Select(wait => (TimeSpan?)wait).Min();

    /// <summary><c>maxUnavailable</c> as a number of pods (a percentage rounded up, as both controllers do), at least one.</summary>
    public static int MaxUnavailable(IntOrString? value, int total)
    {
        var text = value?.Value ?? "1";
        var count = text.EndsWith('%') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            ? (int)Math.Ceiling(percent * total / 100)
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 1;
        return Math.Max(1, count);
    }

    public static string? Label(V1Pod pod, string key) => pod.Metadata.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;
}
