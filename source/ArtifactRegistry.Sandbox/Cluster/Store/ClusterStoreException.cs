namespace ArtifactRegistry.Sandbox.Cluster.Store;

internal enum ClusterStoreError
{
    NotFound,
    AlreadyExists,
    Conflict,
    Expired,
}

/// <summary>A store refusal the API answers with the matching <c>Status</c> (404, 409, 410).</summary>
internal sealed class ClusterStoreException(ClusterStoreError error, string message) : Exception(message)
{
    public ClusterStoreError Error { get; } = error;
}
