using k8s;

namespace ArtifactRegistry.Sandbox.Cluster.Store;

/// <summary>Model parts as JSON text, for comparing them (KubernetesJson cannot serialize null itself).</summary>
internal static class ModelJson
{
    public static string Text(object? value) => value is null ? "null" : KubernetesJson.Serialize(value);

    public static bool Same(object? a, object? b) => Text(a) == Text(b);
}
