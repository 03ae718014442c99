using System.Globalization;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Registry;

/// <summary><c>HEAD|GET /v2/NAME/blobs/DIGEST</c> (with single byte ranges); blobs are never deleted through the API.</summary>
internal static class BlobEndpoints
{
    public static async Task GetAsync(RegistryRequest request)
    {
        request.Require(Permissions.RepositoriesDownloadArtifacts);
        request.RequireRepository();
        if (!Digest.TryParse(request.Path.Reference, out var digest))
            throw RegistryError.DigestInvalid($"invalid digest \"{request.Path.Reference}\" (expected sha256:<64 hex>)");
        var content = request.Store.HasBlob(request.Name.Repository, digest)
            ? await request.Store.Blobs.GetAsync(digest, request.Aborted).ConfigureAwait(false)
            : null;
        if (content is null)
            throw RegistryError.BlobUnknown(digest.Value);

        var response = request.Http.Response;
        response.ContentType = MediaTypes.OctetStream;
        response.Headers["Docker-Content-Digest"] = digest.Value;
        response.Headers.ETag = "\"" + digest.Value + "\"";
        response.Headers.AcceptRanges = "bytes";
        var (start, length) = Range(request.Http.Request, content.Length);
        if (length != content.Length)
        {
            response.StatusCode = 206;
            response.Headers.ContentRange = $"bytes {start}-{start + length - 1}/{content.Length}";
        }

        response.ContentLength = length;
        if (!HttpMethods.IsHead(request.Http.Request.Method))
            await response.Body.WriteAsync(content.AsMemory((int)start, (int)length), request.Aborted).ConfigureAwait(false);
    }

    public static Task DeleteAsync(RegistryRequest request)
    {
        request.Require(Permissions.RepositoriesDeleteArtifacts);
        throw RegistryError.Unsupported("Artifact Registry does not delete blobs through the Docker API; delete the image version instead.");
    }

    private static (long Start, long Length) Range(HttpRequest request, long size)
    {
        var header = request.Headers.Range.ToString();
        if (!header.StartsWith("bytes=", StringComparison.Ordinal) || header.Contains(','))
            return (0, size);
        var bounds = header[6..].Split('-');
        if (bounds.Length != 2 || !long.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start) || start >= size)
            return (0, size);
        var end = long.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? Math.Min(last, size - 1) : size - 1;
        return end < start ? (0, size) : (start, end - start + 1);
    }
}
