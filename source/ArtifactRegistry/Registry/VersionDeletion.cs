using ArtifactRegistry.References;

namespace ArtifactRegistry.Registry;

/// <summary>One version to delete, after the tags that point at it (the registry refuses a tagged version without force).</summary>
/// <param name="After">An index deleted in an earlier round that listed this version; when it could not be deleted, neither can this.</param>
public sealed record VersionDeletion(VersionName Version, IReadOnlyList<string> Tags, VersionName? After = null);

/// <summary>What became of a <see cref="VersionDeletion"/>.</summary>
public enum VersionDeletionStatus
{
    /// <summary>Deleted by this run.</summary>
    Deleted,

    /// <summary>404: someone else deleted it first. The wanted end state all the same.</summary>
    AlreadyGone,

    /// <summary>The registry refused (tagged since the plan was made, listed by a new index, immutable tags…); the detail says why.</summary>
    Refused,

    /// <summary>It kept failing (5xx, 429, timeouts) beyond every retry.</summary>
    Failed,

    /// <summary>Cancelled, stopped by a permission error, or its index was not deleted.</summary>
    NotAttempted,
}

/// <summary>What became of one <see cref="VersionDeletion"/>.</summary>
/// <param name="Deletion">The deletion attempted.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Detail">What the registry answered, or why the deletion was not attempted; null when there is nothing to add.</param>
public sealed record VersionDeletionOutcome(VersionDeletion Deletion, VersionDeletionStatus Status, string? Detail = null)
{
    /// <summary>Whether the version is gone: <see cref="VersionDeletionStatus.Deleted"/> or <see cref="VersionDeletionStatus.AlreadyGone"/>.</summary>
    public bool IsGone => Status is VersionDeletionStatus.Deleted or VersionDeletionStatus.AlreadyGone;
}
