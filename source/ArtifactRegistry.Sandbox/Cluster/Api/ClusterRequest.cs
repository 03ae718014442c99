using ArtifactRegistry.Sandbox.Cluster.Store;

namespace ArtifactRegistry.Sandbox.Cluster.Api;

/// <summary>What a Kubernetes API path names.</summary>
internal enum ClusterPathKind
{
    Unknown,
    Version,
    Health,
    CoreVersions,
    Groups,
    Group,
    Resources,
    Resource,
}

/// <summary>
/// A parsed Kubernetes API path: <c>/api/v1/namespaces/NS/pods/NAME/log</c>, <c>/apis/apps/v1/deployments</c>, discovery paths.
/// </summary>
internal sealed record ClusterRequest(ClusterPathKind Kind, string Group = "", string Version = "", ResourceType? Type = null, string? Namespace = null, string? Name = null, string? Subresource = null)
{
    public static ClusterRequest Parse(string path)
    {
        var s = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        switch (s)
        {
            case ["version"]:
                return new(ClusterPathKind.Version);
            case ["healthz" or "livez" or "readyz", ..]:
                return new(ClusterPathKind.Health);
            case ["api"]:
                return new(ClusterPathKind.CoreVersions);
            case ["apis"]:
                return new(ClusterPathKind.Groups);
            case ["apis", "apps"]:
                return new(ClusterPathKind.Group, "apps");
            case ["api", "v1"]:
                return new(ClusterPathKind.Resources, "", "v1");
            case ["apis", "apps", "v1"]:
                return new(ClusterPathKind.Resources, "apps", "v1");
            case ["api", "v1", .. var rest]:
                return Resource("", "v1", rest);
            case ["apis", var group, var version, .. var rest]:
                return Resource(group, version, rest);
            default:
                return new(ClusterPathKind.Unknown);
        }
    }

    private static ClusterRequest Resource(string group, string version, string[] rest)
    {
        string? ns = null;
        if (rest is ["namespaces", var namespaceName, var plural, ..] && plural is not ("status" or "finalize"))
        {
            ns = namespaceName;
            rest = rest[2..];
        }

        if (rest.Length is 0 or > 3)
            return new(ClusterPathKind.Unknown);
        var type = ResourceType.Find(group, version, rest[0]);
        if (type is null || type.Namespaced != (ns is not null) && (rest.Length > 1 || !type.Namespaced))
            return new(ClusterPathKind.Unknown);
        var subresource = rest.Length == 3 ? rest[2] : null;
        if (subresource is not null && !type.Subresources.Contains(subresource))
            return new(ClusterPathKind.Unknown);
        return new(ClusterPathKind.Resource, group, version, type, ns, rest.Length > 1 ? rest[1] : null, subresource);
    }
}
