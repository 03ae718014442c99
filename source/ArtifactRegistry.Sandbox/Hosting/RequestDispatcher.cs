using System.Diagnostics;
using ArtifactRegistry.Sandbox.Cluster;
using ArtifactRegistry.Sandbox.Cluster.Api;
using ArtifactRegistry.Sandbox.Cluster.Gke;
using ArtifactRegistry.Sandbox.Control;
using ArtifactRegistry.Sandbox.OAuth;
using ArtifactRegistry.Sandbox.Registry;
using ArtifactRegistry.Sandbox.Rest;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ArtifactRegistry.Sandbox.Hosting;

/// <summary>
/// The one request handler of every listener. The listener's port tells what it is: the API port (REST v1, OAuth, STS,
/// IAM Credentials, the GKE API, the sandbox's control API), a location's registry, or the cluster's Kubernetes API (HTTPS). Each request is named (route id), counted, offered to
/// the fault plan, then handled; control requests skip counting and faults.
/// </summary>
internal sealed class RequestDispatcher(SandboxServices services)
{
    private const string SubjectTokenPath = "/sandbox/subject-tokens/";

    private volatile IReadOnlyDictionary<int, RegistryListener> _registryPorts = new Dictionary<int, RegistryListener>();
    private volatile int _clusterPort = -1;

    public void SetRegistryPorts(IReadOnlyDictionary<int, RegistryListener> ports) => _registryPorts = ports;

    public void SetClusterPort(int port) => _clusterPort = port;

    /// <summary>The registry a host names: a canonical one (<c>asia-docker.pkg.dev</c>) or a local listener (<c>127.0.0.1:PORT</c>).</summary>
    public RegistryListener? ListenerForHost(string host)
    {
        var ports = _registryPorts;
        var byName = ports.Values.FirstOrDefault(l => l.CanonicalHost == host);
        if (byName is not null)
            return byName;
        return host.StartsWith("127.0.0.1:", StringComparison.Ordinal) && int.TryParse(host[10..], out var port) ? ports.GetValueOrDefault(port) : null;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var route = "";
        try
        {
            route = _registryPorts.TryGetValue(http.Connection.LocalPort, out var listener)
                ? await RegistryAsync(http, listener).ConfigureAwait(false)
                : http.Connection.LocalPort == _clusterPort && services.Cluster is { } cluster
                    ? await ClusterAsync(http, cluster).ConfigureAwait(false)
                    : await ApiAsync(http).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            services.Options.RequestLog?.Invoke($"sandbox: {http.Request.Method} {http.Request.Path} failed: {e.GetType().Name}: {e.Message}");
            if (http.Connection.LocalPort == _clusterPort)
                await new KubeStatus(500, "InternalError", "Internal error occurred: " + e.Message).WriteAsync(http).ConfigureAwait(false);
            else
                await GoogleErrorBody.WriteAsync(http, new GoogleApiException(500, "INTERNAL", "Internal error encountered.")).ConfigureAwait(false);
        }

        services.Options.RequestLog?.Invoke(
            $"{http.Request.Method} {http.Request.Host}{http.Request.Path} -> {http.Response.StatusCode} ({route}, {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms)");
    }

    private async Task<string> RegistryAsync(HttpContext http, RegistryListener listener)
    {
        var path = RegistryPath.Parse(Uri.UnescapeDataString(RawPath(http)));
        var (route, handler) = RegistryRouter.Resolve(http.Request.Method, path);
        if (await EnterAsync(http, SandboxFaultScope.Registry, route).ConfigureAwait(false))
            await RegistryRouter.HandleAsync(http, path, handler, listener, services).ConfigureAwait(false);
        return route;
    }

    private async Task<string> ClusterAsync(HttpContext http, SandboxCluster cluster)
    {
        var request = ClusterRequest.Parse(RawPath(http));
        var route = ClusterRouter.RouteOf(http.Request.Method, request);
        if (await EnterAsync(http, SandboxFaultScope.Cluster, route).ConfigureAwait(false))
            await ClusterRouter.HandleAsync(http, request, cluster).ConfigureAwait(false);
        return route;
    }

    private async Task<string> ApiAsync(HttpContext http)
    {
        var path = RawPath(http);
        var method = http.Request.Method;
        if (path.StartsWith(ControlApi.PathPrefix, StringComparison.Ordinal))
        {
            // Not through EnterAsync: the control API is neither counted nor faulted.
            await ControlApi.HandleAsync(http, path, services).ConfigureAwait(false);
            return "sandbox:control";
        }

        switch (path)
        {
            case "/token" or "/oauth2/v4/token" when HttpMethods.IsPost(method):
                if (await EnterAsync(http, SandboxFaultScope.Token, SandboxRoutes.OAuthToken).ConfigureAwait(false))
                    await TokenEndpoints.TokenAsync(http, services).ConfigureAwait(false);
                return SandboxRoutes.OAuthToken;
            case "/tokeninfo" or "/oauth2/v3/tokeninfo" or "/oauth2/v1/tokeninfo":
                if (await EnterAsync(http, SandboxFaultScope.Token, SandboxRoutes.OAuthTokenInfo).ConfigureAwait(false))
                    await TokenEndpoints.TokenInfoAsync(http, services).ConfigureAwait(false);
                return SandboxRoutes.OAuthTokenInfo;
            case "/v1/token" when HttpMethods.IsPost(method):
                if (await EnterAsync(http, SandboxFaultScope.Token, SandboxRoutes.StsToken).ConfigureAwait(false))
                    await TokenEndpoints.StsAsync(http, services).ConfigureAwait(false);
                return SandboxRoutes.StsToken;
            case "/v1/oauthtoken" when HttpMethods.IsPost(method):
                if (await EnterAsync(http, SandboxFaultScope.Token, SandboxRoutes.StsOAuthToken).ConfigureAwait(false))
                    await TokenEndpoints.WorkforceRefreshAsync(http, services).ConfigureAwait(false);
                return SandboxRoutes.StsOAuthToken;
        }

        if (path.StartsWith(MetadataServer.PathPrefix, StringComparison.Ordinal))
        {
            if (await EnterAsync(http, SandboxFaultScope.Token, SandboxRoutes.Metadata).ConfigureAwait(false))
                await services.Metadata.HandleAsync(http, path, services).ConfigureAwait(false);
            return SandboxRoutes.Metadata;
        }

        if (path.StartsWith(SubjectTokenPath, StringComparison.Ordinal))
        {
            if (await EnterAsync(http, SandboxFaultScope.Token, SandboxRoutes.SubjectToken).ConfigureAwait(false))
                await TokenEndpoints.SubjectTokenAsync(http, path[SubjectTokenPath.Length..], services).ConfigureAwait(false);
            return SandboxRoutes.SubjectToken;
        }

        if (GkeApi.RouteOf(path) is { } gkeRoute)
        {
            if (await EnterAsync(http, SandboxFaultScope.Cluster, gkeRoute).ConfigureAwait(false))
                await GkeApi.HandleAsync(http, path, services, services.Cluster).ConfigureAwait(false);
            return gkeRoute;
        }

        var target = RestTarget.Parse(path);
        if (target is { Resource: RestResource.ServiceAccount, Verb: "generateAccessToken" } && HttpMethods.IsPost(method))
        {
            if (await EnterAsync(http, SandboxFaultScope.Token, SandboxRoutes.GenerateAccessToken).ConfigureAwait(false))
                await TokenEndpoints.GenerateAccessTokenAsync(http, target.Id!, services).ConfigureAwait(false);
            return SandboxRoutes.GenerateAccessToken;
        }

        var (route, handler) = RestRouter.Resolve(method, target);
        if (await EnterAsync(http, SandboxFaultScope.Rest, route).ConfigureAwait(false))
            await RestRouter.HandleAsync(http, target, handler, services).ConfigureAwait(false);
        return route;
    }

    /// <summary>Counts the request and lets the fault plan act; false when a fault has answered it.</summary>
    private async ValueTask<bool> EnterAsync(HttpContext http, SandboxFaultScope scope, string route)
    {
        services.Counters.Increment(route);
        return !await FaultResponder.TryInjectAsync(http, scope, route, services.Faults).ConfigureAwait(false);
    }

    /// <summary>The path as sent (before ASP.NET Core decodes it), so escaped package ids keep their escapes.</summary>
    private static string RawPath(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        var query = raw.IndexOf('?');
        return query >= 0 ? raw[..query] : raw;
    }
}
