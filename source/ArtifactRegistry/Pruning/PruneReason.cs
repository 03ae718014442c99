namespace ArtifactRegistry.Pruning;

/// <summary>Why the plan keeps or deletes a version.</summary>
public enum PruneReason
{
    /// <summary>Deleted: no tag points at it.</summary>
    Untagged,

    /// <summary>Deleted: its tags match the opt-in tag filter (the tags go first).</summary>
    TagsMatched,

    /// <summary>Deleted: a platform manifest of indexes that are all deleted (after them).</summary>
    ChildOfDeletedIndex,

    /// <summary>Kept: a cluster runs or is rolling out this digest.</summary>
    InUse,

    /// <summary>Kept: one of its tags matches a keep pattern.</summary>
    KeepTag,

    /// <summary>Kept: it is tagged, and tagged versions are not deleted by default.</summary>
    Tagged,

    /// <summary>Kept: tagged, and its tags do not match the tag filter.</summary>
    TagsNotMatched,

    /// <summary>Kept: a platform manifest of an index that stays (deleting it would break that index).</summary>
    ChildOfKeptIndex,

    /// <summary>Kept: uploaded within the grace period.</summary>
    WithinGrace,

    /// <summary>Kept: neither upload nor build time is plausible, so its age is unknown.</summary>
    AgeUnknown,

    /// <summary>Kept: one of the most recent versions the policy keeps per package.</summary>
    MostRecent,
}
