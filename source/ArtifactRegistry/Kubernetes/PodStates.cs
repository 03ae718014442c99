using ArtifactRegistry.Rollouts;
using k8s.Models;

namespace ArtifactRegistry.Kubernetes;

/// <summary>Maps KubernetesClient's pods and events onto the rollout model's snapshots.</summary>
internal static class PodStates
{
    public static PodState From(V1Pod pod)
    {
        var specImages = (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []).ToDictionary(c => c.Name, c => c.Image ?? "");
        var scheduled = pod.Status?.Conditions?.FirstOrDefault(condition => condition.Type == "PodScheduled");
        var unschedulable = scheduled is { Status: "False", Reason: "Unschedulable" } ? scheduled.Message ?? "no node fits the pod" : null;
        return new PodState(
            pod.Metadata.Name,
            pod.Spec?.NodeName,
            pod.Status?.Phase,
            pod.Metadata.DeletionTimestamp is not null,
            unschedulable,
            [
                .. (pod.Status?.InitContainerStatuses ?? []).Select(status => Container(status, specImages, isInit: true)),
                .. (pod.Status?.ContainerStatuses ?? []).Select(status => Container(status, specImages, isInit: false)),
            ]);
    }

    private static ContainerState Container(V1ContainerStatus status, IReadOnlyDictionary<string, string> specImages, bool isInit)
    {
        var ended = status.State?.Terminated ?? status.LastState?.Terminated;
        return new ContainerState(
            status.Name,
            specImages.TryGetValue(status.Name, out var image) ? image : status.Image ?? "",
            string.IsNullOrEmpty(status.ImageID) ? null : status.ImageID,
            isInit,
            status.Ready,
            status.RestartCount,
            status.State?.Waiting is { Reason: { } reason } waiting ? new ContainerWaiting(reason, waiting.Message) : null,
            ended is null ? null : new ContainerTermination(ended.ExitCode, ended.Reason, ended.Message));
    }

    public static PodEvent From(Corev1Event e) => new(
        e.InvolvedObject?.Name ?? "",
        e.Type ?? "",
        e.Reason ?? "",
        e.Message ?? "",
        (e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp) is { } at
            ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))
            : null);
}
