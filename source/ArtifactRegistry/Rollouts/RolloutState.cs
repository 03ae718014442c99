namespace ArtifactRegistry.Rollouts;

/// <summary>Whether a rollout is still going, done, or failed.</summary>
public enum RolloutPhase
{
    /// <summary>The controller has not finished; <see cref="RolloutState.Waiting"/> says for what.</summary>
    InProgress,

    /// <summary>Every replica runs the new template and is available, and no old one is left.</summary>
    Complete,

    /// <summary>The controller gave up (<c>ProgressDeadlineExceeded</c>), or the rollout cannot go on by itself (paused, <c>OnDelete</c>).</summary>
    Failed,
}

/// <summary>Where a rollout stands, read from the workload's status alone, by <c>kubectl rollout status</c>'s rules.</summary>
/// <param name="Progress">The counts as one line, <c>1/2 updated, 0/2 available</c>: logged only when it changes.</param>
/// <param name="Waiting">What kubectl would say it waits for, while in progress.</param>
/// <param name="Failure">Why it failed, when it did.</param>
/// <param name="FailureReason">The condition's reason (<c>ProgressDeadlineExceeded</c>), or a short word for the other failures.</param>
public sealed record RolloutState(RolloutPhase Phase, string Progress, string? Waiting = null, string? Failure = null, string? FailureReason = null)
{
    /// <summary>Whether <see cref="Phase"/> is <see cref="RolloutPhase.Complete"/>.</summary>
    public bool IsComplete => Phase == RolloutPhase.Complete;

    /// <summary>Whether <see cref="Phase"/> is <see cref="RolloutPhase.Failed"/>.</summary>
    public bool IsFailed => Phase == RolloutPhase.Failed;
}
