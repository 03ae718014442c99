namespace ArtifactRegistry.Rollouts;

/// <summary>Why a rollout cannot succeed, as the pods show it: which pod, which container, what the kubelet or scheduler said.</summary>
/// <param name="Reason">The kubelet's reason (<c>ImagePullBackOff</c>) or the condition's (<c>Unschedulable</c>, <c>ProgressDeadlineExceeded</c>).</param>
/// <param name="Detail">The kubelet's, scheduler's or controller's message, the registry's answer included for a pull.</param>
/// <param name="PullProblem">For <see cref="RolloutFailureKind.ImagePull"/>: what kind of pull failure.</param>
public sealed record RolloutDiagnosis(
    RolloutFailureKind Kind,
    string Reason,
    string? Detail,
    string? PodName = null,
    string? ContainerName = null,
    string? Image = null,
    string? NodeName = null,
    int RestartCount = 0,
    ContainerTermination? LastTermination = null,
    ImagePullProblem? PullProblem = null)
{
    /// <summary>Whether the container's last log lines would explain it (crashes, start errors).</summary>
    public bool WantsLogs => Kind is RolloutFailureKind.CrashLoop or RolloutFailureKind.RunContainerError && PodName is not null && ContainerName is not null;
}
