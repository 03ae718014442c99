using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Cluster.Store;
using ArtifactRegistry.Sandbox.Http;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Cluster.Api;

/// <summary>Reading request bodies and writing objects and lists in the API server's JSON.</summary>
internal static class ObjectJson
{
    public const string ContentType = "application/json";

    public static async Task<JsonNode> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType?.Contains("protobuf", StringComparison.OrdinalIgnoreCase) == true)
            throw new KubeStatus(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: application/json " +
                "(the sandbox cluster reads JSON only; kubectl create and kubectl run send protobuf: write the object as YAML and use kubectl apply --validate=false -f FILE)");
        using var memory = new MemoryStream();
        await request.Body.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(memory.GetBuffer().AsSpan(0, (int)memory.Length)) ?? throw KubeStatus.BadRequest("the request body is empty");
        }
        catch (JsonException e)
        {
            throw KubeStatus.BadRequest($"the body of the request could not be decoded as JSON: {e.Message}");
        }
    }

    public static Task WriteAsync(HttpContext http, int status, StoredObject stored) => RawJson.WriteAsync(http, status, stored.Json, ContentType);

    public static Task WriteAsync(HttpContext http, int status, byte[] json) => RawJson.WriteAsync(http, status, json, ContentType);

    /// <summary><c>{"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":…},"items":[…]}</c>, items copied as stored.</summary>
    public static Task WriteListAsync(HttpContext http, ResourceType type, IReadOnlyList<StoredObject> items, long resourceVersion, string? continueToken, long? remaining)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + items.Sum(i => i.Json.Length + 1));
        using (var w = new Utf8JsonWriter(buffer, JsonBody.Options))
        {
            w.WriteStartObject();
            w.WriteString("kind", type.ListKind);
            w.WriteString("apiVersion", type.ApiVersion);
            w.WriteStartObject("metadata");
            w.WriteString("resourceVersion", resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (continueToken is not null)
            {
                w.WriteString("continue", continueToken);
                if (remaining is { } count)
                    w.WriteNumber("remainingItemCount", count);
            }

            w.WriteEndObject();
            w.WriteStartArray("items");
            foreach (var item in items)
                w.WriteRawValue(item.Json, skipInputValidation: true);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return RawJson.WriteAsync(http, 200, buffer.WrittenMemory, ContentType);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
