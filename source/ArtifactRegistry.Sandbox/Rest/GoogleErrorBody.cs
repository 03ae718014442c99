using ArtifactRegistry.Sandbox.Http;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary>Writes <see cref="GoogleApiException"/> as Google's JSON error body.</summary>
internal static class GoogleErrorBody
{
    public static Task WriteAsync(HttpContext http, GoogleApiException error)
    {
        if (error.Code == 401)
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"https://accounts.google.com/\"";
        if (error.IsScopeInsufficient)
            http.Response.Headers.WWWAuthenticate =
                $"Bearer realm=\"https://accounts.google.com/\", error=\"insufficient_scope\", scope=\"{OAuth.AccessTokens.CloudPlatformScope}\"";
        if (error.RetryAfterSeconds is { } seconds)
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return JsonBody.WriteAsync(http, error.Code, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteNumber("code", error.Code);
            w.WriteString("message", error.Message);
            w.WriteString("status", error.Status);
            if (error.ErrorInfo is var (reason, permission, resource))
            {
                w.WriteStartArray("details");
                w.WriteStartObject();
                w.WriteString("@type", "type.googleapis.com/google.rpc.ErrorInfo");
                w.WriteString("reason", reason);
                w.WriteString("domain", "artifactregistry.googleapis.com");
                w.WriteStartObject("metadata");
                w.WriteString("permission", permission);
                w.WriteString("resource", resource);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
            }
            else if (error.IsScopeInsufficient)
            {
                w.WriteStartArray("details");
                w.WriteStartObject();
                w.WriteString("@type", "type.googleapis.com/google.rpc.ErrorInfo");
                w.WriteString("reason", "ACCESS_TOKEN_SCOPE_INSUFFICIENT");
                w.WriteString("domain", "googleapis.com");
                w.WriteStartObject("metadata");
                w.WriteString("service", "artifactregistry.googleapis.com");
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
