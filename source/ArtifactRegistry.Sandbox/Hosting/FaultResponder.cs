using ArtifactRegistry.Sandbox.Cluster.Api;
using ArtifactRegistry.Sandbox.Registry;
using ArtifactRegistry.Sandbox.Rest;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Hosting;

/// <summary>Answers a request the fault plan picked: throttled, failed or dropped, each in the shape the real service uses (a Kubernetes <c>Status</c> on the cluster's API).</summary>
internal static class FaultResponder
{
    /// <summary>Applies latency and draws a fault; true when the request has been answered (or dropped) here.</summary>
    public static async ValueTask<bool> TryInjectAsync(HttpContext http, SandboxFaultScope scope, string route, SandboxFaults faults)
    {
        var (fault, plan) = faults.Draw(scope, route);
        if (faults.AppliesLatency(plan, scope, route))
            await Task.Delay(plan.Latency, http.RequestAborted).ConfigureAwait(false);
        switch (fault)
        {
            case null:
                return false;
            case SandboxFault.Drop:
                http.Abort();
                return true;
            case SandboxFault.Throttle:
                var seconds = Math.Max(1, (int)Math.Ceiling(plan.RetryAfter.TotalSeconds));
                const string quota = "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute per region' of service 'artifactregistry.googleapis.com'.";
                if (scope == SandboxFaultScope.Cluster && route.StartsWith(ClusterRouter.RoutePrefix, StringComparison.Ordinal))
                    await new KubeStatus(429, "TooManyRequests", "Too many requests, please try again later.") { RetryAfterSeconds = seconds }.WriteAsync(http).ConfigureAwait(false);
                else if (scope == SandboxFaultScope.Registry)
                    await new RegistryError(429, "TOOMANYREQUESTS", quota) { RetryAfterSeconds = seconds }.WriteAsync(http).ConfigureAwait(false);
                else
                    await GoogleErrorBody.WriteAsync(http, new GoogleApiException(429, "RESOURCE_EXHAUSTED", quota) { RetryAfterSeconds = seconds }).ConfigureAwait(false);
                return true;
            default:
                var status = plan.ServerErrorStatus is >= 500 and <= 599 ? plan.ServerErrorStatus : 503;
                var (code, message) = status == 503 ? ("UNAVAILABLE", "The service is currently unavailable.") : ("INTERNAL", "Internal error encountered.");
                if (scope == SandboxFaultScope.Cluster && route.StartsWith(ClusterRouter.RoutePrefix, StringComparison.Ordinal))
                    await (status == 503
                        ? new KubeStatus(503, "ServiceUnavailable", "the server is currently unable to handle the request")
                        : new KubeStatus(status, "InternalError", "Internal error occurred: the server has encountered an internal error")).WriteAsync(http).ConfigureAwait(false);
                else if (scope == SandboxFaultScope.Registry)
                    await new RegistryError(status, code, message).WriteAsync(http).ConfigureAwait(false);
                else
                    await GoogleErrorBody.WriteAsync(http, new GoogleApiException(status, code, message)).ConfigureAwait(false);
                return true;
        }
    }
}
