using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ArtifactRegistry.Sandbox.Tests.Support;

/// <summary>A REST or registry answer read completely: status, headers, body text and (when it is JSON) the parsed body.</summary>
internal sealed record RestAnswer(HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string Text)
{
    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException("empty JSON body");

    /// <summary>Google's error body: <c>error.code</c>, <c>error.status</c>, <c>error.message</c>.</summary>
    public (int Code, string Status, string Message) GoogleError =>
        (Json["error"]!["code"]!.GetValue<int>(), Json["error"]!["status"]!.GetValue<string>(), Json["error"]!["message"]!.GetValue<string>());

    /// <summary>The Docker registry's error body: the first error's code and message.</summary>
    public (string Code, string Message) RegistryError =>
        (Json["errors"]![0]!["code"]!.GetValue<string>(), Json["errors"]![0]!["message"]!.GetValue<string>());

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
