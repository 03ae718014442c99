namespace ArtifactRegistry.Rollouts;

/// <summary>
/// Finds, in the pods of the new template, what makes the rollout fail now rather than at its deadline, as skaffold's status
/// check does: pull errors, crash loops, containers that cannot be created, pods no node can take. <c>kubectl rollout
/// status</c> notices none of these and waits out the whole progress deadline.
/// </summary>
public static class RolloutDiagnoser
{
    private static readonly HashSet<string> PullReasons = ["ErrImagePull", "ImagePullBackOff", "ErrImagePullBackOff"];
    private static readonly HashSet<string> RunReasons = ["RunContainerError", "CreateContainerError", "StartError"];
    private static readonly HashSet<string> InvalidImageReasons = ["InvalidImageName", "ErrImageNeverPull"];

    /// <summary>Autoscaler events saying a node is being added for the pod: an unschedulable pod may then still start.</summary>
    private const string TriggeredScaleUp = "TriggeredScaleUp";

    /// <param name="pods">The pods of the new template (terminating ones are skipped).</param>
    /// <param name="events">Events about those pods, for the full pull error behind a <c>Back-off pulling image</c> and for autoscaling.</param>
    /// <returns>The first failure found (pods by name, init containers first), or null while nothing has failed.</returns>
    public static RolloutDiagnosis? Find(IReadOnlyList<PodState> pods, IReadOnlyList<PodEvent> events)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var pod in pods.Where(pod => !pod.IsTerminating).OrderBy(pod => pod.Name, StringComparer.Ordinal))
        {
            foreach (var container in pod.Containers.OrderBy(container => !container.IsInit))
                if (FromContainer(pod, container, events) is { } diagnosis)
                    return diagnosis;

            if (pod.Unschedulable is { } message && !events.Any(e => e.PodName == pod.Name && e.Reason == TriggeredScaleUp))
                return new RolloutDiagnosis(RolloutFailureKind.Unschedulable, "Unschedulable", message, pod.Name);
        }
        return null;
    }

    /// <summary>Whether pull errors, crash loops and start errors are all a pod set shows: the basis for failing before the deadline.</summary>
    public static bool NeedsEvents(IReadOnlyList<PodState> pods) =>
        pods.Any(pod => pod.Unschedulable is not null || pod.Containers.Any(container => container.Waiting is { } waiting && PullReasons.Contains(waiting.Reason)));

    private static RolloutDiagnosis? FromContainer(PodState pod, ContainerState container, IReadOnlyList<PodEvent> events)
    {
        if (container.Waiting is not { } waiting)
            return null;
        var reason = waiting.Reason;
        if (PullReasons.Contains(reason))
        {
            var detail = PullError(pod, container, waiting, events);
            return new RolloutDiagnosis(RolloutFailureKind.ImagePull, reason, detail, pod.Name, container.Name, container.Image, pod.NodeName,
                PullProblem: ImagePullProblems.Classify(detail));
        }

        var kind = reason switch
        {
            "CrashLoopBackOff" => RolloutFailureKind.CrashLoop,
            "CreateContainerConfigError" => RolloutFailureKind.ContainerConfigError,
            _ when RunReasons.Contains(reason) => RolloutFailureKind.RunContainerError,
            _ when InvalidImageReasons.Contains(reason) => RolloutFailureKind.InvalidImage,
            _ => (RolloutFailureKind?)null,
        };
        return kind is { } found
            ? new RolloutDiagnosis(found, reason, waiting.Message, pod.Name, container.Name, container.Image, pod.NodeName,
                container.RestartCount, container.LastTermination)
            : null;
    }

    /// <summary>
    /// <c>ImagePullBackOff</c>'s own message is only <c>Back-off pulling image "…"</c>; the registry's answer is in the kubelet's
    /// latest <c>Failed</c> event for the pod.
    /// </summary>
    private static string? PullError(PodState pod, ContainerState container, ContainerWaiting waiting, IReadOnlyList<PodEvent> events)
    {
        if (waiting.Message is { } message && ImagePullProblems.Classify(message) != ImagePullProblem.Other)
            return message;
        var failed = events
            .Where(e => e.PodName == pod.Name && e.Reason == "Failed" && e.Message.Contains(container.Image, StringComparison.Ordinal))
            .OrderByDescending(e => e.LastSeen ?? DateTimeOffset.MinValue)
            .FirstOrDefault(e => e.Message.Contains("pull", StringComparison.OrdinalIgnoreCase));
        return failed?.Message ?? waiting.Message;
    }
}
