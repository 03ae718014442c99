namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>Why the store refused a change; the REST and Docker layers translate it into their own error shapes.</summary>
internal enum StoreError
{
    NotFound,
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
}

/// <summary>A refusal by the store, with a message written for the person who made the request.</summary>
internal sealed class StoreException(StoreError error, string message) : Exception(message)
{
    public StoreError Error { get; } = error;

    /// <summary>For dangling-parent refusals: the index that still references the manifest.</summary>
    public Digest? ReferencedBy { get; init; }

    /// <summary>For tagged-version refusals: the tags that still point at the manifest.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
