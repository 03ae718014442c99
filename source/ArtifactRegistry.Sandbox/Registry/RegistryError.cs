using System.Text.Json;
using ArtifactRegistry.Sandbox.Http;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Registry;

/// <summary>
/// A Docker Registry API error, answered as <c>{"errors":[{"code":…,"message":…}]}</c>. The docker CLI prints a single
/// error as the code in lower case with <c>_</c> turned into spaces, a colon, and the message
/// (<c>DENIED</c> → <c>denied: …</c>, <c>NAME_INVALID</c> → <c>name invalid: …</c>), so messages are written to read well there.
/// </summary>
internal sealed class RegistryError(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string? Detail { get; init; }

    /// <summary>Sent as WWW-Authenticate with 401 answers so clients know where to get a token.</summary>
    public string? Challenge { get; init; }

    public int? RetryAfterSeconds { get; init; }

    public static RegistryError MissingImageName() =>
        new(400, "NAME_INVALID", "Missing image name. Pushes should be of the form docker push HOST-NAME/PROJECT-ID/REPOSITORY/IMAGE");

    public static RegistryError Denied(string permission, string repositoryResource) =>
        new(403, "DENIED", $"Permission \"{permission}\" denied on resource \"{repositoryResource}\" (or it may not exist)");

    public static RegistryError Unauthenticated(string permission, string repositoryResource) =>
        new(403, "DENIED", $"Unauthenticated request. Unauthenticated requests do not have permission \"{permission}\" on resource \"{repositoryResource}\" (or it may not exist)");

    public static RegistryError RepositoryNotFound(string repository) => new(404, "NAME_UNKNOWN", $"Repository \"{repository}\" not found");

    public static RegistryError BlobUnknown(string digest) => new(404, "BLOB_UNKNOWN", "blob unknown to registry") { Detail = digest };

    public static RegistryError ManifestUnknown(string reference) => new(404, "MANIFEST_UNKNOWN", $"Failed to fetch \"{reference}\"");

    public static RegistryError DigestInvalid(string message) => new(400, "DIGEST_INVALID", message);

    public static RegistryError Unsupported(string message) => new(405, "UNSUPPORTED", message);

    public Task WriteAsync(HttpContext http)
    {
        if (Challenge is not null)
            http.Response.Headers.WWWAuthenticate = Challenge;
        if (RetryAfterSeconds is { } seconds)
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return JsonBody.WriteAsync(http, Status, Write, "application/json; charset=utf-8");
    }

    private void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartArray("errors");
        w.WriteStartObject();
        w.WriteString("code", Code);
        w.WriteString("message", Message);
        if (Detail is not null)
            w.WriteString("detail", Detail);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
