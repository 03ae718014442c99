using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.References;
using ArtifactRegistry.Rollouts;

namespace ArtifactRegistry.Deploying;

/// <summary>Everything a failure message draws on, gathered once the diagnosis is known.</summary>
internal sealed record FailureFacts
{
    public required WorkloadReference Workload { get; init; }

    public required string Namespace { get; init; }

    /// <summary>The image whose rollout failed (for a failed rollback: the image being restored).</summary>
    public required string Image { get; init; }

    public required RolloutDiagnosis Diagnosis { get; init; }

    /// <summary>The last log lines of the failing container (its previous run's, for a crash loop).</summary>
    public IReadOnlyList<string> LogLines { get; init; } = [];

    /// <summary>The node pool of the pod's node (GKE's <c>cloud.google.com/gke-nodepool</c> label).</summary>
    public string? NodePool { get; init; }

    /// <summary>The node pool's service account, when it could be found.</summary>
    public string? NodeServiceAccount { get; init; }

    public GkeClusterName? Cluster { get; init; }

    /// <summary>The image's and the nodes' platforms, gathered for a pull that found no build for the node's platform.</summary>
    public PlatformFacts? Platforms { get; init; }

    public RolloutState? LastState { get; init; }

    public TimeSpan Timeout { get; init; }

    public int? ProgressDeadlineSeconds { get; init; }
}
