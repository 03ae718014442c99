using ArtifactRegistry.Sandbox.Cluster.Store;
using ArtifactRegistry.Sandbox.Http;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Cluster.Api;

/// <summary>
/// An API server refusal, answered as a <c>Status</c> object (KubernetesJson cannot write <c>V1Status</c>, so it is written here):
/// <c>{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":…,"reason":…,"details":…,"code":…}</c>.
/// </summary>
internal sealed class KubeStatus(int code, string reason, string message) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public (string? Name, string Group, string Kind)? Details { get; init; }

    public int? RetryAfterSeconds { get; init; }

    public static KubeStatus Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static KubeStatus NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedPlural} \"{name}\" not found") { Details = (name, type.Group, type.Plural) };

    public static KubeStatus PathNotFound() => new(404, "NotFound", "the server could not find the requested resource");

    public static KubeStatus BadRequest(string message) => new(400, "BadRequest", message);

    public static KubeStatus MethodNotAllowed(string method) =>
        new(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})");

    public static KubeStatus Invalid(ResourceType type, string name, string causes) =>
        new(422, "Invalid", $"{(type.Group.Length == 0 ? type.Kind : type.Kind + "." + type.Group)} \"{name}\" is invalid: {causes}")
        {
            Details = (name, type.Group, type.Plural),
        };

    public static KubeStatus UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got \"{contentType}\")");

    public static KubeStatus From(ClusterStoreException e, ResourceType type, string name) => e.Error switch
    {
        ClusterStoreError.NotFound => new(404, "NotFound", e.Message) { Details = (name, type.Group, type.Plural) },
        ClusterStoreError.AlreadyExists => new(409, "AlreadyExists", e.Message) { Details = (name, type.Group, type.Plural) },
        ClusterStoreError.Conflict => new(409, "Conflict", e.Message) { Details = (name, type.Group, type.Plural) },
        _ => new(410, "Expired", e.Message),
    };

    public Task WriteAsync(HttpContext http)
    {
        if (RetryAfterSeconds is { } seconds)
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return JsonBody.WriteAsync(http, Code, Write, "application/json");
    }

    public void Write(System.Text.Json.Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("kind", "Status");
        w.WriteString("apiVersion", "v1");
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteString("status", "Failure");
        w.WriteString("message", Message);
        w.WriteString("reason", Reason);
        if (Details is not null || RetryAfterSeconds is not null)
        {
            w.WriteStartObject("details");
            if (Details is var (n, g, k))
            {
                if (n is not null)
                    w.WriteString("name", n);
                if (g.Length > 0)
                    w.WriteString("group", g);
                w.WriteString("kind", k);
            }

            if (RetryAfterSeconds is { } retry)
                w.WriteNumber("retryAfterSeconds", retry);
            w.WriteEndObject();
        }

        w.WriteNumber("code", Code);
        w.WriteEndObject();
    }
}
