namespace ArtifactRegistry.Registry;

/// <summary>How versions are deleted.</summary>
public enum VersionDeleteMode
{
    /// <summary>One <c>versions.delete</c> per version, in parallel under the rate limit: what gcloud does, one process per version.</summary>
    Single,

    /// <summary>
    /// <c>versions.batchDelete</c> per package and round, up to <see cref="VersionDeleterOptions.BatchSize"/> names a request; the
    /// versions a batch reports as failed are retried one by one, so every outcome is known exactly.
    /// </summary>
    Batch,
}
