using k8s.Models;

namespace ArtifactRegistry.Kubernetes;

/// <summary>A node and the platform its kubelet reports: <c>linux/arm64</c>, as an image index names its entries.</summary>
internal sealed record NodePlatform(string Node, string Os, string Architecture)
{
    public string Platform => $"{Os}/{Architecture}";

    public static NodePlatform From(V1Node node)
    {
        var labels = node.Metadata?.Labels;
        string? Label(string name) => labels is not null && labels.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        return new NodePlatform(
            node.Metadata?.Name ?? "",
            Label("kubernetes.io/os") ?? node.Status?.NodeInfo?.OperatingSystem ?? "linux",
            Label("kubernetes.io/arch") ?? node.Status?.NodeInfo?.Architecture ?? "unknown");
    }
}
