namespace ArtifactRegistry.Rollouts;

/// <summary>Why a node could not pull an image, as far as the kubelet's message tells.</summary>
public enum ImagePullProblem
{
    /// <summary>The registry refused the node's credentials (403/401, <c>denied</c>): a reader grant is missing.</summary>
    PermissionDenied,

    /// <summary>The registry has no such manifest: the digest or tag does not exist (there).</summary>
    NotFound,

    /// <summary>Anything else: network, TLS, a registry error.</summary>
    Other,

    /// <summary>The image is an index without a build for the node's platform (containerd's <c>no match for platform in manifest</c>).</summary>
    PlatformMismatch,
}

/// <summary>Tells a pull failure's kind from the kubelet's message, which carries the registry's answer.</summary>
public static class ImagePullProblems
{
    private const string PlatformMismatchMarker = "no match for platform in manifest";

    /// <remarks>
    /// Permission is checked first: Artifact Registry's refusal ends with "(or it may not exist)", and a repository that does not
    /// exist is refused like one that may not be read.
    /// </remarks>
    public static ImagePullProblem Classify(string? message)
    {
        if (string.IsNullOrEmpty(message))
            return ImagePullProblem.Other;
        string[] permission = ["403 Forbidden", "401 Unauthorized", "denied", "PERMISSION_DENIED", "UNAUTHORIZED", "forbidden", "unauthorized"];
        if (permission.Any(marker => message.Contains(marker, StringComparison.Ordinal)))
            return ImagePullProblem.PermissionDenied;
        // containerd's wording for an index without the node's platform also says "NotFound" and "not found".
        if (message.Contains(PlatformMismatchMarker, StringComparison.Ordinal))
            return ImagePullProblem.PlatformMismatch;
        string[] notFound = ["not found", "manifest unknown", "MANIFEST_UNKNOWN", "NotFound", "404 Not Found"];
        return notFound.Any(marker => message.Contains(marker, StringComparison.Ordinal)) ? ImagePullProblem.NotFound : ImagePullProblem.Other;
    }
}
