namespace ArtifactRegistry.Kubernetes;

/// <summary>One API call as RBAC sees it: <c>patch deployments "api" in namespace "prod"</c>.</summary>
internal sealed record KubernetesCall(string Verb, string Resource, string? Namespace = null, string? Name = null, string ApiGroup = "")
{
    public override string ToString() =>
        $"{Verb} {Resource}{(Name is null ? "" : $" \"{Name}\"")}{(Namespace is null ? "" : $" in namespace \"{Namespace}\"")}";
}
