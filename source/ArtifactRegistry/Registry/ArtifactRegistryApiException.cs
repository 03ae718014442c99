using System.Net;

namespace ArtifactRegistry.Registry;

/// <summary>Artifact Registry answered a REST call with an error: the HTTP status, Google's status name and Google's message.</summary>
public sealed class ArtifactRegistryApiException : Exception
{
    /// <summary>Creates the exception for a refused call; the message shows the call, both statuses and <paramref name="googleMessage"/>.</summary>
    public ArtifactRegistryApiException(HttpMethod method, string resource, HttpStatusCode httpStatus, string? googleStatus, string googleMessage)
        : base($"Artifact Registry refused {method} {resource}: {googleStatus ?? "HTTP"} ({(int)httpStatus}) {googleMessage}".TrimEnd())
    {
        Method = method;
        Resource = resource;
        HttpStatus = httpStatus;
        GoogleStatus = googleStatus;
        GoogleMessage = googleMessage;
    }

    /// <summary>The HTTP method of the call.</summary>
    public HttpMethod Method { get; }

    /// <summary>The resource name (or collection) the call addressed.</summary>
    public string Resource { get; }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode HttpStatus { get; }

    /// <summary>Google's canonical status, e.g. <c>PERMISSION_DENIED</c>, <c>NOT_FOUND</c>, <c>ALREADY_EXISTS</c>, <c>ABORTED</c>.</summary>
    public string? GoogleStatus { get; }

    /// <summary>The reason of Google's <c>ErrorInfo</c> detail when it sent one, e.g. <c>IAM_PERMISSION_DENIED</c>, <c>ACCESS_TOKEN_SCOPE_INSUFFICIENT</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>Whether the token lacks the OAuth scope the call needs (403 <c>ACCESS_TOKEN_SCOPE_INSUFFICIENT</c>): no role grant fixes that.</summary>
    public bool IsScopeInsufficient => Reason == "ACCESS_TOKEN_SCOPE_INSUFFICIENT";

    /// <summary>The service's own explanation.</summary>
    public string GoogleMessage { get; }

    /// <summary>Whether the status is 404 (which Artifact Registry also answers for what the caller may not see).</summary>
    public bool IsNotFound => HttpStatus == HttpStatusCode.NotFound;

    /// <summary>Whether the status is 403.</summary>
    public bool IsPermissionDenied => HttpStatus == HttpStatusCode.Forbidden;

    /// <summary>Whether the status is 400 with <c>INVALID_ARGUMENT</c> (e.g. a permission testIamPermissions does not accept).</summary>
    public bool IsInvalidArgument => HttpStatus == HttpStatusCode.BadRequest && GoogleStatus == "INVALID_ARGUMENT";

    /// <summary>Whether the status is 409 with <c>ALREADY_EXISTS</c>.</summary>
    public bool IsAlreadyExists => HttpStatus == HttpStatusCode.Conflict && GoogleStatus == "ALREADY_EXISTS";
}
