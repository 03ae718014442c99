using ArtifactRegistry.Rollouts;

namespace ArtifactRegistry.Tests.Rollouts;

/// <summary>kubectl's rollout status rules, per kind.</summary>
public sealed class RolloutProgressTests
{
    private static WorkloadStatus Deployment(int updated, int available, int replicas, long observed = 2, params WorkloadCondition[] conditions) => new()
    {
        Kind = WorkloadKind.Deployment, Generation = 2, ObservedGeneration = observed, DesiredReplicas = 2,
        Replicas = replicas, UpdatedReplicas = updated, AvailableReplicas = available, ReadyReplicas = available, Conditions = conditions,
    };

    [Test]
    public void A_deployment_whose_change_the_controller_has_not_seen_is_in_progress_whatever_its_counts()
    {
        var state = RolloutProgress.Evaluate(Deployment(2, 2, 2, observed: 1));

        Assert.That(state.Phase, Is.EqualTo(RolloutPhase.InProgress));
        Assert.That(state.Waiting, Is.EqualTo("the deployment controller to see the new template"));
    }

    [TestCase(1, 0, 3, "1/2 updated, 0/2 available, 2 old", "1 of 2 new replicas to be updated")]
    [TestCase(2, 2, 3, "2/2 updated, 2/2 available, 1 old", "1 old replicas to be terminated")]
    [TestCase(2, 1, 2, "2/2 updated, 1/2 available", "1 of 2 updated replicas to be available")]
    public void A_deployment_waits_for_updates_then_old_replicas_then_availability(int updated, int available, int replicas, string progress, string waiting)
    {
        var state = RolloutProgress.Evaluate(Deployment(updated, available, replicas));

        Assert.That(state, Is.EqualTo(new RolloutState(RolloutPhase.InProgress, progress, waiting)));
    }

    [Test]
    public void A_deployment_with_every_replica_updated_and_available_and_no_old_one_is_complete() =>
        Assert.That(RolloutProgress.Evaluate(Deployment(2, 2, 2)).IsComplete, Is.True);

    [Test]
    public void A_progress_deadline_fails_the_rollout_with_the_controllers_message()
    {
        var state = RolloutProgress.Evaluate(Deployment(1, 0, 3, 2,
            new WorkloadCondition("Progressing", "False", "ProgressDeadlineExceeded", "ReplicaSet \"api-7d\" has timed out progressing.")));

        Assert.That(state.IsFailed, Is.True);
        Assert.That(state.FailureReason, Is.EqualTo(RolloutProgress.ProgressDeadlineExceeded));
        Assert.That(state.Failure, Does.Contain("ReplicaSet \"api-7d\" has timed out progressing."));
    }

    [Test]
    public void A_paused_deployment_cannot_roll_out() =>
        Assert.That(RolloutProgress.Evaluate(Deployment(0, 2, 2) with { Paused = true }).FailureReason, Is.EqualTo("Paused"));

    [Test]
    public void A_stateful_set_is_done_when_every_pod_is_ready_at_the_update_revision()
    {
        var set = new WorkloadStatus
        {
            Kind = WorkloadKind.StatefulSet, Generation = 3, ObservedGeneration = 3, DesiredReplicas = 3, Replicas = 3,
            ReadyReplicas = 3, UpdatedReplicas = 3, CurrentRevision = "db-1", UpdateRevision = "db-2",
        };

        Assert.That(RolloutProgress.Evaluate(set).Waiting, Is.EqualTo("the rolling update to complete: 3 pods at revision db-2"));
        Assert.That(RolloutProgress.Evaluate(set with { CurrentRevision = "db-2" }).IsComplete, Is.True);
        Assert.That(RolloutProgress.Evaluate(set with { ReadyReplicas = 2 }).Waiting, Is.EqualTo("1 pods to be ready"));
        Assert.That(RolloutProgress.Evaluate(set with { Partition = 2, UpdatedReplicas = 1 }).IsComplete, Is.True, "a partition leaves the lower ordinals alone");
        Assert.That(RolloutProgress.Evaluate(set with { UpdateStrategy = "OnDelete" }).FailureReason, Is.EqualTo("OnDelete"));
    }

    [Test]
    public void A_daemon_set_is_done_when_every_scheduled_pod_is_updated_and_available()
    {
        var set = new WorkloadStatus
        {
            Kind = WorkloadKind.DaemonSet, Generation = 1, ObservedGeneration = 1, DesiredReplicas = 3, Replicas = 3, UpdatedReplicas = 2, AvailableReplicas = 3,
        };

        Assert.That(RolloutProgress.Evaluate(set).Waiting, Is.EqualTo("2 of 3 new pods to be updated"));
        Assert.That(RolloutProgress.Evaluate(set with { UpdatedReplicas = 3, AvailableReplicas = 2 }).Waiting, Is.EqualTo("2 of 3 updated pods to be available"));
        Assert.That(RolloutProgress.Evaluate(set with { UpdatedReplicas = 3 }).IsComplete, Is.True);
    }
}
