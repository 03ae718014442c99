namespace ArtifactRegistry.Rollouts;

/// <summary>
/// A workload's spec and status as far as its rollout goes, the same for the three kinds: a daemon set's
/// <c>desiredNumberScheduled</c> is <see cref="DesiredReplicas"/>, its <c>updatedNumberScheduled</c> <see cref="UpdatedReplicas"/>, and so on.
/// </summary>
public sealed record WorkloadStatus
{
    /// <summary>The workload's kind.</summary>
    public required WorkloadKind Kind { get; init; }

    /// <c>metadata.generation</c>: bumped by each spec change.
    public long Generation { get; init; }

    /// <summary>The generation the controller has acted on; null before it saw the workload at all.</summary>
    public long? ObservedGeneration { get; init; }

    /// <summary><c>spec.replicas</c> (1 when unset); a daemon set's <c>desiredNumberScheduled</c>.</summary>
    public int DesiredReplicas { get; init; }

    /// <summary>Pods that exist, old and new: <c>status.replicas</c>; a daemon set's <c>currentNumberScheduled</c>.</summary>
    public int Replicas { get; init; }

    /// <summary>Pods of the current template: <c>updatedReplicas</c>; a daemon set's <c>updatedNumberScheduled</c>.</summary>
    public int UpdatedReplicas { get; init; }

    /// <c>readyReplicas</c>; a daemon set's <c>numberReady</c>.
    public int ReadyReplicas { get; init; }

    /// <summary><c>availableReplicas</c>; a daemon set's <c>numberAvailable</c>.</summary>
    public int AvailableReplicas { get; init; }

    /// <summary>A deployment with <c>spec.paused</c>: it rolls nothing out until resumed.</summary>
    public bool Paused { get; init; }

    /// <summary><c>RollingUpdate</c>, <c>OnDelete</c> (stateful and daemon sets) or <c>Recreate</c> (deployments); null when unset.</summary>
    public string? UpdateStrategy { get; init; }

    /// <summary>A stateful set's rolling-update partition: pods with a lower ordinal keep the old template.</summary>
    public int Partition { get; init; }

    /// <summary>A stateful set's <c>currentRevision</c> and <c>updateRevision</c>: equal once every pod runs the new template.</summary>
    public string? CurrentRevision { get; init; }

    /// <summary>A stateful set's <c>updateRevision</c>; see <see cref="CurrentRevision"/>.</summary>
    public string? UpdateRevision { get; init; }

    /// <summary>The deployment's <c>deployment.kubernetes.io/revision</c>.</summary>
    public string? Revision { get; init; }

    /// <c>status.conditions</c>.
    public IReadOnlyList<WorkloadCondition> Conditions { get; init; } = [];
}

/// <summary>One of <c>status.conditions</c>: <c>Progressing</c>, <c>Available</c>, <c>ReplicaFailure</c>.</summary>
public sealed record WorkloadCondition(string Type, string Status, string? Reason, string? Message);
