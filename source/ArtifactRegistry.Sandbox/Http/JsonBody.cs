using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Http;

/// <summary>Writes a JSON answer in one go with a Content-Length (buffered: answers are small, and clients like a length).</summary>
internal static class JsonBody
{
    /// <summary>
    /// Google's servers write <c>'</c>, <c>+</c> and non-ASCII text as they are (<c>Permission 'artifactregistry.tags.delete' denied</c>,
    /// <c>manifest.v2+json</c>); the default encoder's <c>\u0027</c> and <c>\u002B</c> would only match after JSON decoding.
    /// These answers are never embedded in HTML, so the relaxed encoder is safe.
    /// </summary>
    public static readonly JsonWriterOptions Options = new() { Indented = false, SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpContext http, int status, Action<Utf8JsonWriter> write, string contentType = "application/json; charset=UTF-8")
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options))
            write(writer);
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = buffer.WrittenCount;
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : http.Response.Body.WriteAsync(buffer.WrittenMemory).AsTask();
    }

    public static async Task<JsonDocument?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
            return null;
        using var memory = new MemoryStream();
        await request.Body.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
        if (memory.Length == 0)
            return null;
        try
        {
            return JsonDocument.Parse(memory.GetBuffer().AsMemory(0, (int)memory.Length));
        }
        catch (JsonException e)
        {
            throw new Rest.GoogleApiException(400, "INVALID_ARGUMENT", "Invalid JSON payload received. " + e.Message);
        }
    }
}

/// <summary>Shorthand for writing JSON answers from handlers.</summary>
internal static class HttpContextJson
{
    public static Task JsonAsync(this HttpContext http, int status, Action<Utf8JsonWriter> write) => JsonBody.WriteAsync(http, status, write);
}

/// <summary>Writes JSON that is already serialized.</summary>
internal static class RawJson
{
    public static Task WriteAsync(HttpContext http, int status, ReadOnlyMemory<byte> json, string contentType = "application/json; charset=UTF-8")
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = json.Length;
        return http.Response.Body.WriteAsync(json).AsTask();
    }
}
