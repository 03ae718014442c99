using k8s;

namespace ArtifactRegistry.Kubernetes;

/// <summary>A kube context resolved from the kubeconfig: the API server, who talks to it, and the client configuration for KubernetesClient.</summary>
internal sealed record KubeConnection
{
    public required string ContextName { get; init; }

    public required string ClusterName { get; init; }

    public required string Server { get; init; }

    public string? UserName { get; init; }

    /// <summary>The context's namespace, or null when it sets none (kubectl then uses <c>default</c>).</summary>
    public string? Namespace { get; init; }

    /// <summary>The kubeconfig files read, merged in this order.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>Whether credentials come from an exec plugin (renewed when they expire) rather than from the file.</summary>
    public bool UsesExecPlugin { get; init; }

    public required KubernetesClientConfiguration ClientConfiguration { get; init; }

    /// <summary>
    /// A GKE cluster, named the way <c>gcloud container clusters get-credentials</c> names its context and cluster entries:
    /// <c>gke_PROJECT_LOCATION_CLUSTER</c> (a renamed context keeps the cluster entry's name).
    /// </summary>
    public GkeClusterName? GkeCluster => GkeClusterName.FromContextName(ContextName) ?? GkeClusterName.FromContextName(ClusterName);
}
