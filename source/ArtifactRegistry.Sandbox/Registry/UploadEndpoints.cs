using System.Globalization;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Registry;

/// <summary>
/// Blob uploads: <c>POST …/blobs/uploads/</c> (optionally <c>?mount=&amp;from=</c> or monolithic <c>?digest=</c>),
/// <c>PATCH</c> to stream data, <c>PUT ?digest=</c> to finish with the digest verified, <c>GET</c> for progress,
/// <c>DELETE</c> to cancel. The sandbox also accepts several PATCH chunks, which Artifact Registry itself does not.
/// </summary>
internal static class UploadEndpoints
{
    public static async Task StartAsync(RegistryRequest request)
    {
        request.Require(Permissions.RepositoriesUploadArtifacts);
        request.RequireRepository();
        var repository = request.Name.Repository;

        if (request.Query("mount") is { } mount && Digest.TryParse(mount, out var mounted) && await TryMountAsync(request, mounted, request.Query("from")).ConfigureAwait(false))
            return;

        if (request.Query("digest") is { } expected)
        {
            var session = request.Services.Uploads.Start(repository, request.Name.Image);
            await FinishAsync(request, session, expected).ConfigureAwait(false);
            return;
        }

        var started = request.Services.Uploads.Start(repository, request.Name.Image);
        Accepted(request, started, 202);
    }

    public static async Task PatchAsync(RegistryRequest request)
    {
        request.Require(Permissions.RepositoriesUploadArtifacts);
        var session = Session(request);
        await session.AppendAsync(request.Http.Request.Body, request.Aborted).ConfigureAwait(false);
        Accepted(request, session, 202);
    }

    public static async Task PutAsync(RegistryRequest request)
    {
        request.Require(Permissions.RepositoriesUploadArtifacts);
        var session = Session(request);
        await FinishAsync(request, session, request.Query("digest")).ConfigureAwait(false);
    }

    public static Task StatusAsync(RegistryRequest request)
    {
        request.Require(Permissions.RepositoriesUploadArtifacts);
        Accepted(request, Session(request), 204);
        return Task.CompletedTask;
    }

    public static Task CancelAsync(RegistryRequest request)
    {
        request.Require(Permissions.RepositoriesUploadArtifacts);
        request.Services.Uploads.Finish(Session(request));
        request.Http.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private static async Task<bool> TryMountAsync(RegistryRequest request, Digest digest, string? from)
    {
        if (from is null)
            return false;
        ImageName source;
        try
        {
            source = ImageName.Parse(from, request.Listener);
        }
        catch (RegistryError)
        {
            return false;
        }

        if (!request.Services.Authorizer.Has(request.Caller, source.Repository, Permissions.RepositoriesDownloadArtifacts)
            || !request.Store.HasBlob(source.Repository, digest))
            return false;
        var size = request.Store.Blobs.SizeOf(digest) ?? 0;
        request.Store.LinkBlob(request.Name.Repository, digest, size);
        Created(request, digest);
        await Task.CompletedTask.ConfigureAwait(false);
        return true;
    }

    private static async Task FinishAsync(RegistryRequest request, UploadSession session, string? expected)
    {
        try
        {
            if (!Digest.TryParse(expected, out var digest))
                throw RegistryError.DigestInvalid($"invalid or missing digest parameter \"{expected}\" (expected sha256:<64 hex>)");
            await session.AppendAsync(request.Http.Request.Body, request.Aborted).ConfigureAwait(false);
            var (actual, content) = session.Complete();
            if (actual != digest)
                throw new RegistryError(400, "DIGEST_INVALID", "provided digest did not match uploaded content") { Detail = $"expected {digest}, received content with digest {actual}" };
            await request.Store.Blobs.PutAsync(digest, content, request.Aborted).ConfigureAwait(false);
            request.Store.LinkBlob(request.Name.Repository, digest, content.LongLength);
            Created(request, digest);
        }
        finally
        {
            request.Services.Uploads.Finish(session);
        }
    }

    private static UploadSession Session(RegistryRequest request) =>
        request.Services.Uploads.Find(request.Path.Reference, request.Name.Repository)
        ?? throw new RegistryError(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry") { Detail = request.Path.Reference };

    private static void Accepted(RegistryRequest request, UploadSession session, int status)
    {
        request.Http.Response.StatusCode = status;
        request.SetHeader("Location", request.Url($"/v2/{request.Path.Name}/blobs/uploads/{session.Id}"));
        request.SetHeader("Range", "0-" + Math.Max(0, session.Length - 1).ToString(CultureInfo.InvariantCulture));
        request.SetHeader("Docker-Upload-UUID", session.Id);
        request.Http.Response.ContentLength = 0;
    }

    private static void Created(RegistryRequest request, Digest digest)
    {
        request.Http.Response.StatusCode = 201;
        request.SetHeader("Location", request.Url($"/v2/{request.Path.Name}/blobs/{digest}"));
        request.SetHeader("Docker-Content-Digest", digest.Value);
        request.Http.Response.ContentLength = 0;
    }
}
