namespace ArtifactRegistry.Pruning;

/// <summary>How a tagged version's tags must match a <see cref="TagFilter"/> for the version to be deleted.</summary>
public enum TagFilterMatch
{
    /// <summary>At least one of its tags matches (gcr-cleaner's <c>tag-filter-any</c>).</summary>
    Any,

    /// <summary>Every one of its tags matches (gcr-cleaner's <c>tag-filter-all</c>).</summary>
    All,
}
