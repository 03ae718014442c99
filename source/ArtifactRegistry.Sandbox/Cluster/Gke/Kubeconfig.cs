using System.Text;

namespace ArtifactRegistry.Sandbox.Cluster.Gke;

/// <summary>
/// A kubeconfig for the sandbox cluster: the cluster entry named as GKE names it (<c>gke_PROJECT_LOCATION_NAME</c>, the CA
/// inline), a user holding a sandbox access token (as google-github-actions/get-gke-credentials writes one), and the contexts
/// <c>sandbox</c> and <c>my-cluster-context</c> (the seed script's), <c>sandbox</c> current.
/// </summary>
internal static class Kubeconfig
{
    public static readonly string[] Contexts = ["sandbox", "my-cluster-context"];

    public static string Render(string clusterName, Uri server, string caBase64, string userName, string token, string? ns = null)
    {
        var text = new StringBuilder();
        text.Append("apiVersion: v1\nkind: Config\n");
        text.Append("clusters:\n- cluster:\n");
        text.Append("    certificate-authority-data: ").Append(caBase64).Append('\n');
        text.Append("    server: ").Append(server.GetLeftPart(UriPartial.Authority)).Append('\n');
        text.Append("  name: ").Append(clusterName).Append('\n');
        text.Append("contexts:\n");
        foreach (var context in Contexts)
        {
            text.Append("- context:\n    cluster: ").Append(clusterName).Append("\n    user: ").Append(userName).Append('\n');
            if (ns is not null)
                text.Append("    namespace: ").Append(ns).Append('\n');
            text.Append("  name: ").Append(context).Append('\n');
        }

        text.Append("current-context: ").Append(Contexts[0]).Append('\n');
        text.Append("preferences: {}\n");
        text.Append("users:\n- name: ").Append(userName).Append("\n  user:\n    token: ").Append(token).Append('\n');
        return text.ToString();
    }
}
