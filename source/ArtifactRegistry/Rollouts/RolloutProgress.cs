namespace ArtifactRegistry.Rollouts;

/// <summary>
/// Reads a rollout's state from its workload's status, by the rules of <c>kubectl rollout status</c> for each kind, which ends
/// only on completion or the deadline; SetImage adds the pods' diagnosis on top (<see cref="RolloutDiagnoser"/>).
/// </summary>
public static class RolloutProgress
{
    /// <summary>The <c>Progressing</c> condition's reason when a deployment's progress deadline has passed.</summary>
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";

    /// <summary>Where the rollout stands, by <c>kubectl rollout status</c>'s rules for the workload's kind.</summary>
    public static RolloutState Evaluate(WorkloadStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Kind switch
        {
            WorkloadKind.Deployment => Deployment(status),
            WorkloadKind.StatefulSet => StatefulSet(status),
            WorkloadKind.DaemonSet => DaemonSet(status),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status.Kind, null),
        };
    }

    private static RolloutState Deployment(WorkloadStatus s)
    {
        var progress = Counts(s);
        if (!Observed(s))
            return new RolloutState(RolloutPhase.InProgress, progress, "the deployment controller to see the new template");
        if (s.Conditions.FirstOrDefault(c => c.Type == "Progressing") is { Reason: ProgressDeadlineExceeded } deadline)
            return new RolloutState(RolloutPhase.Failed, progress,
                Failure: $"the deployment exceeded its progress deadline ({deadline.Message ?? "no message"})", FailureReason: ProgressDeadlineExceeded);
        if (s.Paused)
            return new RolloutState(RolloutPhase.Failed, progress,
                Failure: "the deployment is paused, so nothing rolls out until it is resumed (kubectl rollout resume)", FailureReason: "Paused");
        if (s.UpdatedReplicas < s.DesiredReplicas)
            return new RolloutState(RolloutPhase.InProgress, progress, $"{s.UpdatedReplicas} of {s.DesiredReplicas} new replicas to be updated");
        if (s.Replicas > s.UpdatedReplicas)
            return new RolloutState(RolloutPhase.InProgress, progress, $"{s.Replicas - s.UpdatedReplicas} old replicas to be terminated");
        if (s.AvailableReplicas < s.UpdatedReplicas)
            return new RolloutState(RolloutPhase.InProgress, progress, $"{s.AvailableReplicas} of {s.UpdatedReplicas} updated replicas to be available");
        return new RolloutState(RolloutPhase.Complete, progress);
    }

    private static RolloutState StatefulSet(WorkloadStatus s)
    {
        var progress = Counts(s);
        if (s.UpdateStrategy == "OnDelete")
            return new RolloutState(RolloutPhase.Failed, progress,
                Failure: "the stateful set's update strategy is OnDelete: its pods take the new template only when deleted", FailureReason: "OnDelete");
        if (!Observed(s))
            return new RolloutState(RolloutPhase.InProgress, progress, "the stateful set controller to see the new template");
        if (s.ReadyReplicas < s.DesiredReplicas)
            return new RolloutState(RolloutPhase.InProgress, progress, $"{s.DesiredReplicas - s.ReadyReplicas} pods to be ready");
        if (s.Partition > 0)
        {
            var expected = Math.Max(0, s.DesiredReplicas - s.Partition);
            return s.UpdatedReplicas < expected
                ? new RolloutState(RolloutPhase.InProgress, progress, $"partitioned roll out: {s.UpdatedReplicas} of {expected} new pods updated")
                : new RolloutState(RolloutPhase.Complete, progress);
        }
        if (s.UpdateRevision != s.CurrentRevision)
            return new RolloutState(RolloutPhase.InProgress, progress, $"the rolling update to complete: {s.UpdatedReplicas} pods at revision {s.UpdateRevision}");
        return new RolloutState(RolloutPhase.Complete, progress);
    }

    private static RolloutState DaemonSet(WorkloadStatus s)
    {
        var progress = Counts(s);
        if (s.UpdateStrategy == "OnDelete")
            return new RolloutState(RolloutPhase.Failed, progress,
                Failure: "the daemon set's update strategy is OnDelete: its pods take the new template only when deleted", FailureReason: "OnDelete");
        if (!Observed(s))
            return new RolloutState(RolloutPhase.InProgress, progress, "the daemon set controller to see the new template");
        if (s.UpdatedReplicas < s.DesiredReplicas)
            return new RolloutState(RolloutPhase.InProgress, progress, $"{s.UpdatedReplicas} of {s.DesiredReplicas} new pods to be updated");
        if (s.AvailableReplicas < s.DesiredReplicas)
            return new RolloutState(RolloutPhase.InProgress, progress, $"{s.AvailableReplicas} of {s.DesiredReplicas} updated pods to be available");
        return new RolloutState(RolloutPhase.Complete, progress);
    }

    private static bool Observed(WorkloadStatus s) => s.ObservedGeneration is { } observed && s.Generation <= observed;

    /// <summary><c>1/2 updated, 0/2 available</c>, with the old pods still there while there are any.</summary>
    private static string Counts(WorkloadStatus s)
    {
        var text = $"{s.UpdatedReplicas}/{s.DesiredReplicas} updated, {s.AvailableReplicas}/{s.DesiredReplicas} available";
        var old = s.Replicas - s.UpdatedReplicas;
        return old > 0 ? $"{text}, {old} old" : text;
    }
}
