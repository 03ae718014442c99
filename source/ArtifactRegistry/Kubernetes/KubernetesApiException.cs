using System.Net;

namespace ArtifactRegistry.Kubernetes;

/// <summary>
/// The API server refused a call, or could not be reached. The message names the call (verb, resource, namespace, object),
/// the server's own reason from its <c>Status</c> answer (never the raw body), and the fix.
/// </summary>
public sealed class KubernetesApiException : Exception
{
    internal KubernetesApiException(KubernetesApiProblem problem, KubernetesCall call, HttpStatusCode? status, string? serverMessage, string message, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        Verb = call.Verb;
        Resource = call.Resource;
        Namespace = call.Namespace;
        Name = call.Name;
        StatusCode = status;
        ServerMessage = serverMessage;
    }

    /// <summary>What kind of refusal or failure it was.</summary>
    public KubernetesApiProblem Problem { get; }

    /// <summary>The Kubernetes verb: <c>get</c>, <c>list</c>, <c>watch</c>, <c>patch</c>.</summary>
    public string Verb { get; }

    /// <summary>The resource: <c>deployments</c>, <c>pods</c>, <c>pods/log</c>.</summary>
    public string Resource { get; }

    /// <summary>The namespace of the call, if any.</summary>
    public string? Namespace { get; }

    /// <summary>The object of the call, if any.</summary>
    public string? Name { get; }

    /// <summary>The HTTP status, or null when the server was not reached.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The <c>message</c> of the server's <c>Status</c> answer.</summary>
    public string? ServerMessage { get; }
}

/// <summary>How a Kubernetes API call failed.</summary>
public enum KubernetesApiProblem
{
    /// <summary>401: the credentials are expired or not accepted.</summary>
    Unauthorized,

    /// <summary>403: RBAC or IAM does not allow the verb on the resource.</summary>
    Forbidden,

    /// <summary>404: the object or its namespace does not exist.</summary>
    NotFound,

    /// <summary>409: the object changed in between.</summary>
    Conflict,

    /// <summary>No answer: DNS, connection, TLS.</summary>
    Unreachable,

    /// <summary>Any other refusal.</summary>
    Other,
}
