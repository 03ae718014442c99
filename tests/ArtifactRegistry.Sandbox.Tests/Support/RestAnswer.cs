using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ArtifactRegistry.Testing.Json;

namespace ArtifactRegistry.Sandbox.Tests.Support;

/// <summary>A REST or registry answer read completely: status, headers, body text and (when it is JSON) the parsed body.</summary>
internal sealed record RestAnswer(HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string Text)
{
    public JsonNode Json => RequiredJson.Parse(Text, $"The {(int)Status} answer's body");

    /// <summary>Google's error body: <c>error.code</c>, <c>error.status</c>, <c>error.message</c>.</summary>
    public (int Code, string Status, string Message) GoogleError =>
        (Json.Require<int>("error", "code"), Json.Require<string>("error", "status"), Json.Require<string>("error", "message"));

    /// <summary>The Docker registry's error body: the first error's code and message.</summary>
    public (string Code, string Message) RegistryError =>
        (Json.Require<string>("errors", 0, "code"), Json.Require<string>("errors", 0, "message"));

    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) ? values.First()
        : ContentHeaders.TryGetValues(name, out var content) ? content.First()
        : null;

    public override string ToString() => $"{(int)Status} {Status}: {Text}";

    public static async Task<RestAnswer> ReadAsync(HttpResponseMessage response)
    {
        using (response)
            return new RestAnswer(response.StatusCode, response.Headers, response.Content.Headers, await response.Content.ReadAsStringAsync());
    }
}
