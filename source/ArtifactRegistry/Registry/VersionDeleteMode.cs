namespace ArtifactRegistry.Registry;

/// <summary>How versions are deleted.</summary>
public enum VersionDeleteMode
{
    /// <summary>
    /// One <c>versions.delete</c> per version, in parallel under the rate limit: what gcloud does (one process per version), the
    /// path for a registry whose batchDelete misbehaves.
    /// </summary>
    Single,

    /// <summary>
    /// <c>versions.batchDelete</c> per package and round, up to <see cref="VersionDeleterOptions.BatchSize"/> names a request; the
    /// versions a batch reports as failed are retried one by one, so every outcome is known exactly. Each version still takes
    /// one token of the rate limit: whether the quota counts a batch as one delete request is not documented.
    /// </summary>
    Batch,
}
