using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Iam;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Registry;

/// <summary>Maps a <c>/v2/</c> request to its endpoint, runs the Bearer challenge dance, and answers errors in the registry's shape.</summary>
internal static class RegistryRouter
{
    public static (string Route, Func<RegistryRequest, Task>? Handler) Resolve(string method, RegistryPath path)
    {
        var get = HttpMethods.IsGet(method);
        var head = HttpMethods.IsHead(method);
        var put = HttpMethods.IsPut(method);
        var post = HttpMethods.IsPost(method);
        var patch = HttpMethods.IsPatch(method);
        var delete = HttpMethods.IsDelete(method);
        return path.Endpoint switch
        {
            RegistryEndpoint.Ping when get || head => (SandboxRoutes.RegistryPing, null),
            RegistryEndpoint.Token => (SandboxRoutes.RegistryToken, null),
            RegistryEndpoint.Catalog when get => (SandboxRoutes.RegistryCatalog, ListingEndpoints.CatalogAsync),
            RegistryEndpoint.Blob when get => (SandboxRoutes.BlobsGet, BlobEndpoints.GetAsync),
            RegistryEndpoint.Blob when head => (SandboxRoutes.BlobsHead, BlobEndpoints.GetAsync),
            RegistryEndpoint.Blob when delete => (SandboxRoutes.BlobsDelete, BlobEndpoints.DeleteAsync),
            RegistryEndpoint.UploadStart when post => (SandboxRoutes.UploadsStart, UploadEndpoints.StartAsync),
            RegistryEndpoint.Upload when patch => (SandboxRoutes.UploadsPatch, UploadEndpoints.PatchAsync),
            RegistryEndpoint.Upload when put => (SandboxRoutes.UploadsPut, UploadEndpoints.PutAsync),
            RegistryEndpoint.Upload when get => (SandboxRoutes.UploadsGet, UploadEndpoints.StatusAsync),
            RegistryEndpoint.Upload when delete => (SandboxRoutes.UploadsDelete, UploadEndpoints.CancelAsync),
            RegistryEndpoint.Manifest when get => (SandboxRoutes.ManifestsGet, ManifestEndpoints.GetAsync),
            RegistryEndpoint.Manifest when head => (SandboxRoutes.ManifestsHead, ManifestEndpoints.GetAsync),
            RegistryEndpoint.Manifest when put => (SandboxRoutes.ManifestsPut, ManifestEndpoints.PutAsync),
            RegistryEndpoint.Manifest when delete => (SandboxRoutes.ManifestsDelete, ManifestEndpoints.DeleteAsync),
            RegistryEndpoint.TagList when get => (SandboxRoutes.TagsListV2, ListingEndpoints.TagsAsync),
            _ => (SandboxRoutes.RegistryUnknown, null),
        };
    }

    public static async Task HandleAsync(HttpContext http, RegistryPath path, Func<RegistryRequest, Task>? handler, RegistryListener listener, SandboxServices services)
    {
        http.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        try
        {
            if (path.Endpoint == RegistryEndpoint.Token)
            {
                await RegistryTokenEndpoint.HandleAsync(http, listener, services).ConfigureAwait(false);
                return;
            }

            var credentials = RegistryCredentials.FromHeader(http.Request, services, allowBearer: true);
            if (path.Endpoint == RegistryEndpoint.Ping && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
            {
                if (credentials.Caller is null)
                    throw Challenge(http, listener, scope: null, credentials.Failure);
                await Http.HttpContextJson.JsonAsync(http, 200, w =>
                {
                    w.WriteStartObject();
                    w.WriteEndObject();
                }).ConfigureAwait(false);
                return;
            }

            if (handler is null)
                throw new RegistryError(404, "UNSUPPORTED", $"{http.Request.Method} {http.Request.Path} is not a Docker Registry API endpoint");
            if (credentials.Caller is null)
                throw Challenge(http, listener, Scope(http.Request.Method, path), credentials.Failure);
            await handler(new RegistryRequest(http, path, listener, credentials.Caller, services)).ConfigureAwait(false);
        }
        catch (RegistryError e) when (!http.Response.HasStarted)
        {
            await e.WriteAsync(http).ConfigureAwait(false);
        }
    }

    private static RegistryError Challenge(HttpContext http, RegistryListener listener, string? scope, string? failure)
    {
        var challenge = $"Bearer realm=\"{http.Request.Scheme}://{http.Request.Host}/v2/token\",service=\"{listener.CanonicalHost}\"";
        if (scope is not null)
            challenge += $",scope=\"{scope}\"";
        if (failure is not null)
            challenge += ",error=\"invalid_token\"";
        return new RegistryError(401, "UNAUTHORIZED", failure is null ? "authentication required" : "Invalid credentials: " + failure) { Challenge = challenge };
    }

    private static string? Scope(string method, RegistryPath path)
    {
        if (path.Name.Length == 0)
            return path.Endpoint == RegistryEndpoint.Catalog ? "registry:catalog:*" : null;
        var write = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
        return $"repository:{path.Name}:{(write ? "pull,push" : "pull")}";
    }
}
