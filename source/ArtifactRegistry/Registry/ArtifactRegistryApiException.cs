using System.Net;

namespace ArtifactRegistry.Registry;

/// <summary>Artifact Registry answered a REST call with an error: the HTTP status, Google's status name and Google's message.</summary>
public sealed class ArtifactRegistryApiException : Exception
{
    public ArtifactRegistryApiException(HttpMethod method, string resource, HttpStatusCode httpStatus, string? googleStatus, string googleMessage)
        : base($"Artifact Registry refused {method} {resource}: {googleStatus ?? "HTTP"} ({(int)httpStatus}) {googleMessage}".TrimEnd())
    {
        Method = method;
        Resource = resource;
        HttpStatus = httpStatus;
        GoogleStatus = googleStatus;
        GoogleMessage = googleMessage;
    }

    public HttpMethod Method { get; }

    /// <summary>The resource name (or collection) the call addressed.</summary>
    public string Resource { get; }

    public HttpStatusCode HttpStatus { get; }

    /// <summary>Google's canonical status, e.g. <c>PERMISSION_DENIED</c>, <c>NOT_FOUND</c>, <c>ALREADY_EXISTS</c>, <c>ABORTED</c>.</summary>
    public string? GoogleStatus { get; }

    /// <summary>The service's own explanation.</summary>
    public string GoogleMessage { get; }

    public bool IsNotFound => HttpStatus == HttpStatusCode.NotFound;

    public bool IsPermissionDenied => HttpStatus == HttpStatusCode.Forbidden;

    public bool IsAlreadyExists => HttpStatus == HttpStatusCode.Conflict && GoogleStatus == "ALREADY_EXISTS";
}
