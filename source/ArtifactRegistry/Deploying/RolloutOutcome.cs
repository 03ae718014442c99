namespace ArtifactRegistry.Deploying;

/// <summary>How one workload's rollout ended.</summary>
public enum RolloutOutcome
{
    /// <summary>The new image rolled out and every replica is available.</summary>
    RolledOut,

    /// <summary>The container already had this digest: nothing was patched (and its rollout is healthy).</summary>
    Unchanged,

    /// <summary>The rollout failed and was left as it is.</summary>
    Failed,

    /// <summary>The rollout failed and the previous revision was restored and is healthy again.</summary>
    RolledBack,

    /// <summary>The rollout failed, and so did restoring the previous revision.</summary>
    RollbackFailed,

    /// <summary>A dry run: the server accepted the patch with <c>dryRun=All</c> (admission and RBAC included), and nothing was changed.</summary>
    Planned,
}
