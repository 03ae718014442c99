namespace ArtifactRegistry.Kubernetes;

/// <summary>
/// A watch refused with 410 Gone: its resourceVersion is older than what the API server still remembers (etcd compacts its
/// history every few minutes). Never reaches the user: the follower lists or reads anew and watches from there.
/// </summary>
internal sealed class WatchExpiredException(string call, Exception inner)
    : Exception($"The API server no longer has the history to {call} from the resourceVersion given (410 Gone).", inner);
