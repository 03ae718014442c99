using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary>Maps a REST request to its API method, authenticates it and turns failures into Google's error bodies.</summary>
internal static class RestRouter
{
    public static (string Route, Func<RestCall, Task>? Handler) Resolve(string method, RestTarget target)
    {
        var get = HttpMethods.IsGet(method);
        var post = HttpMethods.IsPost(method);
        var patch = HttpMethods.IsPatch(method);
        var delete = HttpMethods.IsDelete(method);
        return (target.Resource, target.Verb) switch
        {
            (RestResource.Project, null) when get => (SandboxRoutes.ProjectsGet, ProjectApi.GetProjectAsync),
            (RestResource.Project, "getIamPolicy") when post || get => (SandboxRoutes.ProjectsGetIamPolicy, IamApi.GetProjectPolicyAsync),
            (RestResource.Project, "setIamPolicy") when post => (SandboxRoutes.ProjectsSetIamPolicy, IamApi.SetProjectPolicyAsync),
            (RestResource.Project, "testIamPermissions") when post => (SandboxRoutes.ProjectsTestIamPermissions, IamApi.TestProjectPermissionsAsync),
            (RestResource.ProjectSettings, null) when get => (SandboxRoutes.ProjectSettingsGet, ProjectApi.GetProjectSettingsAsync),
            (RestResource.Locations, null) when get => (SandboxRoutes.LocationsList, ProjectApi.ListLocationsAsync),
            (RestResource.Location, null) when get => (SandboxRoutes.LocationsGet, ProjectApi.GetLocationAsync),
            (RestResource.Operation, null) when get => (SandboxRoutes.OperationsGet, ProjectApi.GetOperationAsync),
            (RestResource.Repositories, null) when get => (SandboxRoutes.RepositoriesList, RepositoriesApi.ListAsync),
            (RestResource.Repositories, null) when post => (SandboxRoutes.RepositoriesCreate, RepositoriesApi.CreateAsync),
            (RestResource.Repository, null) when get => (SandboxRoutes.RepositoriesGet, RepositoriesApi.GetAsync),
            (RestResource.Repository, null) when patch => (SandboxRoutes.RepositoriesPatch, RepositoriesApi.PatchAsync),
            (RestResource.Repository, null) when delete => (SandboxRoutes.RepositoriesDelete, RepositoriesApi.DeleteAsync),
            (RestResource.Repository, "getIamPolicy") when get || post => (SandboxRoutes.RepositoriesGetIamPolicy, IamApi.GetRepositoryPolicyAsync),
            (RestResource.Repository, "setIamPolicy") when post => (SandboxRoutes.RepositoriesSetIamPolicy, IamApi.SetRepositoryPolicyAsync),
            (RestResource.Repository, "testIamPermissions") when post => (SandboxRoutes.RepositoriesTestIamPermissions, IamApi.TestRepositoryPermissionsAsync),
            (RestResource.Packages, null) when get => (SandboxRoutes.PackagesList, PackagesApi.ListAsync),
            (RestResource.Package, null) when get => (SandboxRoutes.PackagesGet, PackagesApi.GetAsync),
            (RestResource.Package, null) when delete => (SandboxRoutes.PackagesDelete, PackagesApi.DeleteAsync),
            (RestResource.Versions, null) when get => (SandboxRoutes.VersionsList, VersionsApi.ListAsync),
            (RestResource.Versions, "batchDelete") when post => (SandboxRoutes.VersionsBatchDelete, VersionsApi.BatchDeleteAsync),
            (RestResource.Version, null) when get => (SandboxRoutes.VersionsGet, VersionsApi.GetAsync),
            (RestResource.Version, null) when delete => (SandboxRoutes.VersionsDelete, VersionsApi.DeleteAsync),
            (RestResource.Tags, null) when get => (SandboxRoutes.TagsList, TagsApi.ListAsync),
            (RestResource.Tags, null) when post => (SandboxRoutes.TagsCreate, TagsApi.CreateAsync),
            (RestResource.Tag, null) when get => (SandboxRoutes.TagsGet, TagsApi.GetAsync),
            (RestResource.Tag, null) when patch => (SandboxRoutes.TagsPatch, TagsApi.PatchAsync),
            (RestResource.Tag, null) when delete => (SandboxRoutes.TagsDelete, TagsApi.DeleteAsync),
            (RestResource.DockerImages, null) when get => (SandboxRoutes.DockerImagesList, DockerImagesApi.ListAsync),
            (RestResource.DockerImage, null) when get => (SandboxRoutes.DockerImagesGet, DockerImagesApi.GetAsync),
            _ => (SandboxRoutes.RestUnknown, null),
        };
    }

    public static async Task HandleAsync(HttpContext http, RestTarget target, Func<RestCall, Task>? handler, SandboxServices services)
    {
        try
        {
            if (handler is null)
                throw GoogleApiException.NotFound($"The requested URL {http.Request.Method} {http.Request.Path} was not found on this server (the sandbox serves the Artifact Registry v1 calls gcloud and the library use).");
            var caller = Authenticate(http, services);
            await handler(new RestCall(http, target, caller, services)).ConfigureAwait(false);
        }
        catch (GoogleApiException e) when (!http.Response.HasStarted)
        {
            await GoogleErrorBody.WriteAsync(http, e).ConfigureAwait(false);
        }
        catch (StoreException e) when (!http.Response.HasStarted)
        {
            await GoogleErrorBody.WriteAsync(http, GoogleApiException.From(e)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A bearer access token (header, or <c>access_token</c> query parameter) issued by the sandbox, not expired, and carrying
    /// the cloud-platform scope or one of <paramref name="alsoAccepted"/> (IAM Credentials also takes the iam scope, which
    /// federation libraries ask STS for before impersonating).
    /// </summary>
    public static Caller Authenticate(HttpContext http, SandboxServices services, params string[] alsoAccepted)
    {
        var token = BearerToken(http.Request);
        if (token is null)
            throw GoogleApiException.MissingCredentials();
        if (!services.AccessTokens.TryValidate(token, out var grant))
            throw GoogleApiException.InvalidCredentials();
        return grant.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(scope => scope == OAuth.AccessTokens.CloudPlatformScope || alsoAccepted.Contains(scope))
            ? grant.Caller
            : throw GoogleApiException.ScopeInsufficient();
    }

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count > 0)
        {
            var value = header[0]!;
            return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : null;
        }

        var query = request.Query["access_token"];
        return query.Count > 0 ? query[0] : null;
    }
}
