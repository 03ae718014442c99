namespace ArtifactRegistry.Sandbox;

/// <summary>
/// One node of the sandbox cluster: its name, its platform (what its kubelet reports in <c>status.nodeInfo</c> and the
/// <c>kubernetes.io/arch</c> and <c>kubernetes.io/os</c> labels, and what its image pulls resolve an index to) and its node pool
/// (the <c>cloud.google.com/gke-nodepool</c> label).
/// </summary>
/// <param name="Name">The node's name, e.g. <c>gke-sandbox-arm-pool-5f1c2e0a-k9rm</c>.</param>
/// <param name="Architecture">As Go names it: <c>amd64</c>, <c>arm64</c>, <c>arm</c>, <c>ppc64le</c>, <c>s390x</c>.</param>
/// <param name="Variant">The CPU variant an image index may name (<c>v7</c> for <c>arm</c>); null takes the architecture's default.</param>
public sealed record SandboxClusterNode(string Name, string Architecture = "amd64", string OperatingSystem = "linux", string? Variant = null, string Pool = "default-pool")
{
    /// <summary><c>linux/arm64</c>, <c>linux/arm/v7</c>: the platform as docker and containerd print it.</summary>
    public string Platform => $"{OperatingSystem}/{Architecture}{(Variant is null ? "" : "/" + Variant)}";
}
