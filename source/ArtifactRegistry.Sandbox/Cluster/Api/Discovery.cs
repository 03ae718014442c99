using System.Text;
using ArtifactRegistry.Sandbox.Cluster.Store;
using ArtifactRegistry.Sandbox.Http;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Cluster.Api;

/// <summary>
/// <c>/version</c> and the plain discovery documents (<c>/api</c>, <c>/apis</c>, <c>/api/v1</c>, <c>/apis/apps/v1</c>). kubectl asks
/// for aggregated discovery first and falls back to these when the answer is plain <c>application/json</c>.
/// </summary>
internal static class Discovery
{
    /// <summary>The Kubernetes version reported; gcloud's kubectl dispatcher picks its bundled kubectl of the same minor.</summary>
    public const string GitVersion = "v1.32.4-gke.1415000";

    public static Task VersionAsync(HttpContext http) => WriteAsync(http, new VersionInfo
    {
        Major = "1",
        Minor = "32",
        GitVersion = GitVersion,
        GitCommit = "0000000000000000000000000000000000000000",
        GitTreeState = "clean",
        BuildDate = "2025-04-09T09:14:07Z",
        GoVersion = "go1.23.6 X:boringcrypto",
        Compiler = "gc",
        Platform = "linux/amd64",
    });

    public static Task CoreVersionsAsync(HttpContext http) => WriteAsync(http, new V1APIVersions
    {
        Kind = "APIVersions",
        Versions = ["v1"],
        ServerAddressByClientCIDRs = [new V1ServerAddressByClientCIDR { ClientCIDR = "0.0.0.0/0", ServerAddress = $"{http.Request.Host.Host}:{http.Connection.LocalPort}" }],
    });

    public static Task GroupsAsync(HttpContext http)
    {
        var apps = new V1GroupVersionForDiscovery { GroupVersion = "apps/v1", Version = "v1" };
        return WriteAsync(http, new V1APIGroupList
        {
            Kind = "APIGroupList",
            ApiVersion = "v1",
            Groups = [new V1APIGroup { Name = "apps", Versions = [apps], PreferredVersion = apps }],
        });
    }

    public static Task GroupAsync(HttpContext http)
    {
        var apps = new V1GroupVersionForDiscovery { GroupVersion = "apps/v1", Version = "v1" };
        return WriteAsync(http, new V1APIGroup { Kind = "APIGroup", ApiVersion = "v1", Name = "apps", Versions = [apps], PreferredVersion = apps });
    }

    public static Task ResourcesAsync(HttpContext http, string group, string version)
    {
        var resources = new List<V1APIResource>();
        foreach (var type in ResourceType.All.Where(t => t.Group == group && t.Version == version))
        {
            resources.Add(new V1APIResource
            {
                Name = type.Plural,
                SingularName = type.Singular,
                Namespaced = type.Namespaced,
                Kind = type.Kind,
                Verbs = type.Verbs,
                ShortNames = type.ShortNames,
                Categories = type.Kind is "Pod" or "Deployment" or "ReplicaSet" ? ["all"] : null,
            });
            foreach (var sub in type.Subresources)
                resources.Add(new V1APIResource
                {
                    Name = type.Plural + "/" + sub,
                    SingularName = "",
                    Namespaced = type.Namespaced,
                    Kind = sub == "scale" ? "Scale" : type.Kind,
                    Group = sub == "scale" ? "autoscaling" : null,
                    Version = sub == "scale" ? "v1" : null,
                    Verbs = sub == "log" ? ["get"] : ["get", "patch", "update"],
                });
        }

        return WriteAsync(http, new V1APIResourceList
        {
            Kind = "APIResourceList",
            ApiVersion = "v1",
            GroupVersion = group.Length == 0 ? version : group + "/" + version,
            Resources = resources,
        });
    }

    private static Task WriteAsync(HttpContext http, object model) =>
        RawJson.WriteAsync(http, 200, Encoding.UTF8.GetBytes(KubernetesJson.Serialize(model)), "application/json");
}
