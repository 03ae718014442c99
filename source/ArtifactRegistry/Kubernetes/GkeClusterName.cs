namespace ArtifactRegistry.Kubernetes;

/// <summary>A GKE cluster: project, location (region or zone) and name, as <c>get-credentials</c> writes them into the context name.</summary>
public sealed record GkeClusterName(string ProjectId, string Location, string Cluster)
{
    /// <summary><c>gke_my-project_europe-west1_prod</c> → (my-project, europe-west1, prod); null for a context named otherwise.</summary>
    public static GkeClusterName? FromContextName(string contextName)
    {
        ArgumentNullException.ThrowIfNull(contextName);
        var parts = contextName.Split('_');
        // Project IDs and locations have no '_'; cluster names neither (they are DNS labels).
        return parts is ["gke", { Length: > 0 } project, { Length: > 0 } location, { Length: > 0 } cluster] ? new GkeClusterName(project, location, cluster) : null;
    }

    /// <summary><c>gcloud container clusters get-credentials prod --location=europe-west1 --project=my-project</c>.</summary>
    public string GetCredentialsCommand => $"gcloud container clusters get-credentials {Cluster} --location={Location} --project={ProjectId}";

    /// <summary>The cluster's resource name, <c>projects/P/locations/L/clusters/NAME</c>.</summary>
    public override string ToString() => $"projects/{ProjectId}/locations/{Location}/clusters/{Cluster}";
}
