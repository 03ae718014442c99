using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Http;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Rest;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Cluster.Gke;

/// <summary>
/// The part of the GKE API (<c>container.googleapis.com/v1</c>) that <c>gcloud container clusters get-credentials</c> and
/// <c>clusters list</c> use: the cluster's endpoint and CA, and its node pool's service account. IAM: <c>container.clusters.get</c>
/// and <c>container.clusters.list</c> on the cluster's project.
/// </summary>
internal static class GkeApi
{
    public const string GetRoute = "container:clusters.get";
    public const string ListRoute = "container:clusters.list";

    /// <summary>The route of a GKE path (<c>/v1/projects/P/locations/L/clusters[/C]</c>, zones too), or null for another API.</summary>
    public static string? RouteOf(string path)
    {
        var s = path.Trim('/').Split('/');
        return s switch
        {
            ["v1", "projects", _, "locations" or "zones", _, "clusters"] => ListRoute,
            ["v1", "projects", _, "locations" or "zones", _, "clusters", _] => GetRoute,
            _ => null,
        };
    }

    public static async Task HandleAsync(HttpContext http, string path, SandboxServices services, SandboxCluster? cluster)
    {
        try
        {
            if (!HttpMethods.IsGet(http.Request.Method))
                throw GoogleApiException.NotFound($"The requested URL {http.Request.Method} {http.Request.Path} was not found on this server (the sandbox serves clusters.get and clusters.list).");
            var caller = RestRouter.Authenticate(http, services);
            var s = path.Trim('/').Split('/');
            var (project, location) = (s[2], s[4]);
            if (s.Length == 6)
            {
                if (!services.Authorizer.HasOnProject(caller, project, Permissions.ClustersList))
                    throw new GoogleApiException(403, "PERMISSION_DENIED", $"Required \"container.clusters.list\" permission(s) for \"projects/{project}\".");
                var listed = cluster is not null && cluster.Options.Project == project && (location is "-" || cluster.Options.Location == location) ? cluster : null;
                await JsonBody.WriteAsync(http, 200, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("clusters");
                    if (listed is not null)
                        WriteCluster(w, listed);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }).ConfigureAwait(false);
                return;
            }

            var name = s[6];
            var resource = $"projects/{project}/locations/{location}/clusters/{name}";
            if (!services.Authorizer.HasOnProject(caller, project, Permissions.ClustersGet))
                throw new GoogleApiException(403, "PERMISSION_DENIED", $"Required \"container.clusters.get\" permission(s) for \"{resource}\".");
            if (cluster is null || cluster.Options.Project != project || cluster.Options.Location != location || cluster.Options.Name != name)
                throw GoogleApiException.NotFound($"Not found: {resource}.");
            await JsonBody.WriteAsync(http, 200, w => WriteCluster(w, cluster)).ConfigureAwait(false);
        }
        catch (GoogleApiException e) when (!http.Response.HasStarted)
        {
            await GoogleErrorBody.WriteAsync(http, e).ConfigureAwait(false);
        }
    }

    private static void WriteCluster(System.Text.Json.Utf8JsonWriter w, SandboxCluster cluster)
    {
        var o = cluster.Options;
        var version = Api.Discovery.GitVersion.TrimStart('v');
        var self = $"projects/{o.Project}/locations/{o.Location}/clusters/{o.Name}";
        w.WriteStartObject();
        w.WriteString("name", o.Name);
        w.WriteStartObject("nodeConfig");
        w.WriteString("machineType", "e2-medium");
        w.WriteString("serviceAccount", o.NodeServiceAccount);
        w.WriteEndObject();
        w.WriteStartObject("masterAuth");
        w.WriteString("clusterCaCertificate", cluster.Certificates.CaBase64);
        w.WriteEndObject();
        w.WriteString("loggingService", "logging.googleapis.com/kubernetes");
        w.WriteString("monitoringService", "monitoring.googleapis.com/kubernetes");
        w.WriteString("network", "default");
        w.WriteString("clusterIpv4Cidr", "10.52.0.0/14");
        w.WriteString("subnetwork", "default");
        w.WriteStartArray("nodePools");
        // One pool per pool name the nodes carry (cloud.google.com/gke-nodepool), all running as the node service account.
        foreach (var pool in cluster.Nodes.All.GroupBy(n => n.Pool, StringComparer.Ordinal))
        {
            var arm = pool.All(n => n.Architecture == "arm64");
            w.WriteStartObject();
            w.WriteString("name", pool.Key);
            w.WriteStartObject("config");
            w.WriteString("machineType", arm ? "t2a-standard-2" : "e2-medium");
            w.WriteString("serviceAccount", o.NodeServiceAccount);
            w.WriteEndObject();
            w.WriteNumber("initialNodeCount", pool.Count());
            w.WriteString("selfLink", $"https://container.googleapis.com/v1/{self}/nodePools/{pool.Key}");
            w.WriteString("version", version);
            w.WriteString("status", "RUNNING");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("endpoint", $"127.0.0.1:{cluster.Port}");
        w.WriteString("initialClusterVersion", version);
        w.WriteString("currentMasterVersion", version);
        w.WriteString("currentNodeVersion", version);
        w.WriteString("createTime", cluster.CreateTime.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("status", "RUNNING");
        w.WriteString("selfLink", "https://container.googleapis.com/v1/" + self);
        w.WriteString("zone", o.Location);
        w.WriteString("location", o.Location);
        w.WriteNumber("currentNodeCount", cluster.Kubelet.Nodes.Count);
        w.WriteString("id", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(self)))[..32]);
        w.WriteEndObject();
    }
}
