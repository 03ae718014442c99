using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Cluster.Api;

/// <summary>A boolean query parameter read as the API server reads it (Go's ParseBool): <c>true</c>, <c>True</c>, <c>1</c>, <c>t</c>, …</summary>
internal static class QueryFlag
{
    public static bool IsSet(HttpRequest request, string name) =>
        request.Query[name] is { Count: > 0 } values && values[0] is "1" or "t" or "T" or "true" or "True" or "TRUE";
}
