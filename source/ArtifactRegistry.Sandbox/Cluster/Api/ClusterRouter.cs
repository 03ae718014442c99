using ArtifactRegistry.Sandbox.Cluster.Store;
using ArtifactRegistry.Sandbox.Iam;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Cluster.Api;

/// <summary>
/// The Kubernetes API server's front door: names the request (route id for counters and faults), authenticates it, checks
/// IAM for the verb, and hands it to discovery, the resource handlers, the watch stream or the pod logs. Every refusal is a
/// <c>Status</c>.
/// </summary>
internal static class ClusterRouter
{
    public const string RoutePrefix = "k8s:";

    public static string RouteOf(string method, ClusterRequest request) => request.Kind switch
    {
        ClusterPathKind.Version => "k8s:version",
        ClusterPathKind.Health => "k8s:health",
        ClusterPathKind.CoreVersions or ClusterPathKind.Groups or ClusterPathKind.Group or ClusterPathKind.Resources => "k8s:discovery",
        ClusterPathKind.Resource => $"k8s:{request.Type!.Plural}{(request.Subresource is null ? "" : "/" + request.Subresource)}.{Verb(method, request, watch: false).ToLowerInvariant()}",
        _ => "k8s:unknown",
    };

    public static async Task HandleAsync(HttpContext http, ClusterRequest request, SandboxCluster cluster)
    {
        try
        {
            switch (request.Kind)
            {
                case ClusterPathKind.Version:
                    await Discovery.VersionAsync(http).ConfigureAwait(false);
                    return;
                case ClusterPathKind.Health:
                    http.Response.ContentType = "text/plain; charset=utf-8";
                    await http.Response.WriteAsync("ok").ConfigureAwait(false);
                    return;
                case ClusterPathKind.Unknown:
                    cluster.Access.Authenticate(http);
                    throw KubeStatus.PathNotFound();
            }

            var caller = cluster.Access.Authenticate(http);
            switch (request.Kind)
            {
                case ClusterPathKind.CoreVersions:
                    await Discovery.CoreVersionsAsync(http).ConfigureAwait(false);
                    return;
                case ClusterPathKind.Groups:
                    await Discovery.GroupsAsync(http).ConfigureAwait(false);
                    return;
                case ClusterPathKind.Group:
                    await Discovery.GroupAsync(http).ConfigureAwait(false);
                    return;
                case ClusterPathKind.Resources:
                    await Discovery.ResourcesAsync(http, request.Group, request.Version).ConfigureAwait(false);
                    return;
            }

            await ResourceAsync(http, request, caller, cluster).ConfigureAwait(false);
        }
        catch (KubeStatus status) when (!http.Response.HasStarted)
        {
            await status.WriteAsync(http).ConfigureAwait(false);
        }
        catch (ClusterStoreException e) when (!http.Response.HasStarted)
        {
            await KubeStatus.From(e, request.Type ?? ResourceType.Pods, request.Name ?? "").WriteAsync(http).ConfigureAwait(false);
        }
        catch (Patching.PatchException e) when (!http.Response.HasStarted)
        {
            await new KubeStatus(422, "Invalid", e.Message).WriteAsync(http).ConfigureAwait(false);
        }
    }

    private static Task ResourceAsync(HttpContext http, ClusterRequest request, Caller caller, SandboxCluster cluster)
    {
        var type = request.Type!;
        var watch = QueryFlag.IsSet(http.Request, "watch");
        var verb = Verb(http.Request.Method, request, watch);
        if (verb == "unsupported")
            throw KubeStatus.MethodNotAllowed(http.Request.Method);
        cluster.Access.Authorize(caller, verb, type, request.Namespace, request.Name, request.Subresource);
        var handlers = new ResourceHandlers(http, request, cluster);
        return (verb, request.Subresource) switch
        {
            ("get", "log") => PodLogs.WriteAsync(http, request, cluster),
            ("get", "scale") => handlers.GetScaleAsync(),
            ("update" or "patch", "scale") => handlers.ChangeScaleAsync(verb == "patch"),
            ("get", _) => handlers.GetAsync(),
            ("list", _) => handlers.ListAsync(),
            ("watch", _) => handlers.WatchAsync(),
            ("create", _) => handlers.CreateAsync(),
            ("update", _) => handlers.UpdateAsync(),
            ("patch", _) => handlers.PatchAsync(),
            ("delete", _) => handlers.DeleteAsync(),
            _ => throw KubeStatus.MethodNotAllowed(http.Request.Method),
        };
    }

    /// <summary>The Kubernetes verb of a request, as RBAC (and GKE's messages) name it.</summary>
    private static string Verb(string method, ClusterRequest request, bool watch) => method switch
    {
        "GET" or "HEAD" when request.Name is null => watch ? "watch" : "list",
        "GET" or "HEAD" => "get",
        "POST" when request.Name is null && request.Subresource is null => "create",
        "PUT" when request.Name is not null => "update",
        "PATCH" when request.Name is not null => "patch",
        "DELETE" when request.Name is not null && request.Subresource is null => "delete",
        _ => "unsupported",
    };
}
