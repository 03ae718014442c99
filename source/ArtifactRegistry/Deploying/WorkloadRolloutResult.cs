using ArtifactRegistry.References;
using ArtifactRegistry.Rollouts;

namespace ArtifactRegistry.Deploying;

/// <summary>What happened to one workload: the image it got, the one it had, how the rollout went and, when it failed, why.</summary>
public sealed record WorkloadRolloutResult
{
    /// <summary>The workload, e.g. <c>deployment/api</c>.</summary>
    public required WorkloadReference Workload { get; init; }

    /// <summary>The workload's namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The container whose image was set.</summary>
    public required string Container { get; init; }

    /// <summary>The digest-pinned image deployed.</summary>
    public required ImageReference Image { get; init; }

    /// <summary>The image the container had before, as written in the pod template.</summary>
    public string? PreviousImage { get; init; }

    /// <summary>The digest the container had before, when its image was pinned to one.</summary>
    public ImageDigest? PreviousDigest { get; init; }

    /// <summary>How the rollout ended.</summary>
    public required RolloutOutcome Outcome { get; init; }

    /// <summary>The deployment's revision after SetImage (after a rollback: the restored one); null for the other kinds.</summary>
    public string? Revision { get; init; }

    /// <summary>Available and desired replicas at the end.</summary>
    public int AvailableReplicas { get; init; }

    /// <summary>The replicas the workload wants, at the end.</summary>
    public int DesiredReplicas { get; init; }

    /// <summary>How long this workload's rollout (and rollback, if any) took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Why the rollout failed: the one message with its fix; null when it did not.</summary>
    public string? Failure { get; init; }

    /// <summary>The diagnosis behind <see cref="Failure"/>.</summary>
    public RolloutDiagnosis? Diagnosis { get; init; }

    /// <summary>After a rollback: the image the container runs again.</summary>
    public string? RestoredImage { get; init; }

    /// <summary>Whether the workload rolled out, already ran the image, or (dry run) would be patched (<see cref="RolloutOutcome.RolledOut"/>, <see cref="RolloutOutcome.Unchanged"/>, <see cref="RolloutOutcome.Planned"/>).</summary>
    public bool Succeeded => Outcome is RolloutOutcome.RolledOut or RolloutOutcome.Unchanged or RolloutOutcome.Planned;
}
