using System.Text.Json;
using System.Text.RegularExpressions;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Registry;

/// <summary>
/// <c>HEAD|GET|PUT|DELETE /v2/NAME/manifests/REF</c> for Docker schema 2 and OCI manifests, manifest lists and indexes.
/// DELETE by tag removes only that tag (as Artifact Registry does); DELETE by digest removes the version unless a tag or a
/// parent index still needs it.
/// </summary>
internal static partial class ManifestEndpoints
{
    private const int MaximumManifestBytes = 4 * 1024 * 1024;

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagShape();

    public static async Task GetAsync(RegistryRequest request)
    {
        request.Require(Permissions.RepositoriesDownloadArtifacts);
        request.RequireRepository();
        var reference = request.Path.Reference;
        var manifest = request.Store.ResolveManifest(request.Name.Repository, request.Name.Image, reference)
                       ?? throw RegistryError.ManifestUnknown(reference);
        if (manifest.IsIndex && !Accepts(request.Http.Request, manifest.MediaType))
            throw new RegistryError(404, "MANIFEST_UNKNOWN", $"Failed to fetch \"{reference}\": it is a multi-platform index ({manifest.MediaType}) and the request's Accept header does not list that media type");

        var response = request.Http.Response;
        response.ContentType = manifest.MediaType;
        response.ContentLength = manifest.Content.Length;
        response.Headers["Docker-Content-Digest"] = manifest.Digest.Value;
        response.Headers.ETag = "\"" + manifest.Digest.Value + "\"";
        if (!HttpMethods.IsHead(request.Http.Request.Method))
            await response.Body.WriteAsync(manifest.Content, request.Aborted).ConfigureAwait(false);
    }

    public static async Task PutAsync(RegistryRequest request)
    {
        request.Require(Permissions.RepositoriesUploadArtifacts);
        request.RequireRepository();
        var repository = request.Name.Repository;
        var image = request.Name.Image;
        var reference = request.Path.Reference;

        var content = await ReadBodyAsync(request).ConfigureAwait(false);
        var digest = Digest.Of(content);
        string? tag = null;
        if (Digest.LooksLikeDigest(reference))
        {
            if (!Digest.TryParse(reference, out var addressed) || addressed != digest)
                throw new RegistryError(400, "DIGEST_INVALID", "provided digest did not match uploaded content") { Detail = $"manifest digest is {digest}, the URL says {reference}" };
        }
        else
        {
            if (!TagShape().IsMatch(reference))
                throw new RegistryError(400, "TAG_INVALID", $"Invalid tag \"{reference}\": up to 128 characters from [A-Za-z0-9_.-], not starting with '.' or '-'.");
            tag = reference;
            var current = request.Store.TagTarget(repository, image, tag);
            request.Require(current is null ? Permissions.TagsCreate : current == digest ? Permissions.RepositoriesUploadArtifacts : Permissions.TagsUpdate);
        }

        ManifestDocument document;
        try
        {
            document = ManifestDocument.Parse(content, request.Http.Request.ContentType);
        }
        catch (ManifestInvalidException e)
        {
            throw new RegistryError(400, "MANIFEST_INVALID", "manifest invalid: " + e.Message);
        }

        var built = document.Config is null ? null : await BuildTimeAsync(request, document.Config.Digest).ConfigureAwait(false);
        var version = ManifestVersion.From(document, content, request.Store.Now, built);

        try
        {
            request.Store.PutManifest(repository, image, version, tag);
        }
        catch (ReferenceUnknownException e) when (!e.IsManifest)
        {
            throw new RegistryError(400, "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry") { Detail = e.Digest.Value };
        }
        catch (ReferenceUnknownException e)
        {
            throw new RegistryError(400, "MANIFEST_UNKNOWN", $"manifest unknown: the index lists {e.Digest}, which is not a manifest of this image; push the platform manifests first") { Detail = e.Digest.Value };
        }
        catch (StoreException e)
        {
            throw new RegistryError(400, "TAG_INVALID", e.Message);
        }

        var response = request.Http.Response;
        response.StatusCode = 201;
        response.Headers.Location = request.Url($"/v2/{request.Path.Name}/manifests/{digest}");
        response.Headers["Docker-Content-Digest"] = digest.Value;
        if (document.Subject is { } subject)
            response.Headers["OCI-Subject"] = subject.Value;
        response.ContentLength = 0;
    }

    public static Task DeleteAsync(RegistryRequest request)
    {
        var repository = request.Name.Repository;
        var image = request.Name.Image;
        var reference = request.Path.Reference;
        if (!Digest.LooksLikeDigest(reference))
        {
            request.Require(Permissions.TagsDelete);
            request.RequireRepository();
            try
            {
                request.Store.DeleteTag(repository, image, reference);
            }
            catch (StoreException e) when (e.Error == StoreError.NotFound)
            {
                throw RegistryError.ManifestUnknown(reference);
            }
            catch (StoreException e)
            {
                throw new RegistryError(400, "TAG_INVALID", e.Message);
            }

            return Accepted(request);
        }

        request.Require(Permissions.RepositoriesDeleteArtifacts);
        request.RequireRepository();
        if (!Digest.TryParse(reference, out var digest))
            throw RegistryError.DigestInvalid($"invalid digest \"{reference}\" (expected sha256:<64 hex>)");
        try
        {
            request.Store.DeleteVersion(repository, image, digest, force: false);
        }
        catch (StoreException e) when (e.Error == StoreError.NotFound)
        {
            throw RegistryError.ManifestUnknown(reference);
        }
        catch (StoreException e) when (e.ReferencedBy is { } parent)
        {
            throw new RegistryError(400, "GOOGLE_MANIFEST_DANGLING_PARENT_IMAGE", $"Manifest {digest} is referenced by image {parent}");
        }
        catch (StoreException e) when (e.Tags.Count > 0)
        {
            throw new RegistryError(400, "GOOGLE_MANIFEST_DANGLING_TAG", $"Manifest is still referenced by tag: {string.Join(", ", e.Tags)}");
        }

        return Accepted(request);
    }

    private static Task Accepted(RegistryRequest request)
    {
        request.Http.Response.StatusCode = 202;
        request.Http.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    private static bool Accepts(HttpRequest request, string mediaType)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0)
            return true;
        foreach (var header in accept)
            foreach (var part in (header ?? "").Split(','))
            {
                var type = part.Split(';')[0].Trim();
                if (type == mediaType || type == "*/*")
                    return true;
            }

        return false;
    }

    private static async Task<byte[]> ReadBodyAsync(RegistryRequest request)
    {
        if (request.Http.Request.ContentLength > MaximumManifestBytes)
            throw new RegistryError(400, "SIZE_INVALID", $"manifest larger than {MaximumManifestBytes} bytes");
        using var memory = new MemoryStream();
        await request.Http.Request.Body.CopyToAsync(memory, request.Aborted).ConfigureAwait(false);
        if (memory.Length > MaximumManifestBytes)
            throw new RegistryError(400, "SIZE_INVALID", $"manifest larger than {MaximumManifestBytes} bytes");
        return memory.ToArray();
    }

    /// <summary>The image config's <c>created</c> time, which Artifact Registry reports as buildTime.</summary>
    private static async Task<DateTimeOffset?> BuildTimeAsync(RegistryRequest request, Digest config)
    {
        if (!request.Store.HasBlob(request.Name.Repository, config))
            return null;
        var bytes = await request.Store.Blobs.GetAsync(config, request.Aborted).ConfigureAwait(false);
        if (bytes is null || bytes.Length > 1024 * 1024)
            return null;
        try
        {
            using var json = JsonDocument.Parse(bytes);
            return json.RootElement.ValueKind == JsonValueKind.Object
                   && json.RootElement.TryGetProperty("created", out var created)
                   && created.ValueKind == JsonValueKind.String
                   && DateTimeOffset.TryParse(created.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
                   && time.Year > 1980
                ? time
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
