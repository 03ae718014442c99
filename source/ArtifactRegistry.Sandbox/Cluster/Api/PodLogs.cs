using System.Globalization;
using System.Text;
using ArtifactRegistry.Sandbox.Cluster.Store;
using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Cluster.Api;

/// <summary>
/// <c>GET …/pods/NAME/log</c> with <c>container</c>, <c>tailLines</c> and <c>previous</c>: the simulated container's log as
/// <c>text/plain</c>, and the API server's refusals (no container named, a container still waiting, no previous instance).
/// </summary>
internal static class PodLogs
{
    public static async Task WriteAsync(HttpContext http, ClusterRequest request, SandboxCluster cluster)
    {
        var stored = cluster.Store.Get(ResourceType.Pods, request.Namespace, request.Name!) ?? throw KubeStatus.NotFound(ResourceType.Pods, request.Name!);
        var pod = stored.As<V1Pod>();
        var names = (pod.Spec?.Containers ?? []).Select(c => c.Name).ToList();
        var container = http.Request.Query["container"] is { Count: > 0 } c && c[0] is { Length: > 0 } named ? named : null;
        if (container is null)
        {
            if (names.Count != 1)
                throw KubeStatus.BadRequest($"a container name must be specified for pod {pod.Metadata.Name}, choose one of: [{string.Join(" ", names)}]");
            container = names[0];
        }
        else if (!names.Contains(container))
        {
            throw KubeStatus.BadRequest($"container {container} is not valid for pod {pod.Metadata.Name}");
        }

        var previous = QueryFlag.IsSet(http.Request, "previous");
        var lines = cluster.Kubelet.Logs(pod.Metadata.NamespaceProperty, pod.Metadata.Name, container, previous);
        if (lines is null && previous)
            throw KubeStatus.BadRequest($"previous terminated container \"{container}\" in pod \"{pod.Metadata.Name}\" not found");
        var status = pod.Status?.ContainerStatuses?.FirstOrDefault(s => s.Name == container);
        if (!previous && (lines is null || status?.State?.Waiting is not null && status.LastState?.Terminated is null && lines.Count == 0))
        {
            var reason = status?.State?.Waiting?.Reason ?? "ContainerCreating";
            var why = reason is "ErrImagePull" or "ImagePullBackOff" or "InvalidImageName" ? "trying and failing to pull image" : reason;
            throw KubeStatus.BadRequest($"container \"{container}\" in pod \"{pod.Metadata.Name}\" is waiting to start: {why}");
        }

        IEnumerable<string> shown = lines ?? [];
        if (int.TryParse(http.Request.Query["tailLines"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var tail) && tail >= 0)
            shown = shown.TakeLast(tail);
        var text = new StringBuilder();
        foreach (var line in shown)
            text.Append(line).Append('\n');
        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/plain";
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }
}
