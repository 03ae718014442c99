using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Kubernetes;

/// <summary>
/// What a stateful set's or daemon set's controller revision records in <c>data</c>: the strategic-merge patch that puts its pod
/// template back (<c>{"spec":{"template":{…,"$patch":"replace"}}}</c>).
/// </summary>
internal static class ControllerRevisionData
{
    /// <summary>The data as sent back by <c>kubectl rollout undo</c>.</summary>
    public static string Patch(V1ControllerRevision revision) => revision.Data switch
    {
        JsonElement element => element.GetRawText(),
        null => "{}",
        var other => KubernetesJson.Serialize(other),
    };

    /// <summary>The pod template the revision restores (empty when the data holds none).</summary>
    public static V1PodTemplateSpec Template(V1ControllerRevision revision)
    {
        var template = JsonNode.Parse(Patch(revision))?["spec"]?["template"]?.AsObject() ?? new JsonObject();
        template.Remove("$patch");
        return KubernetesJson.Deserialize<V1PodTemplateSpec>(template.ToJsonString());
    }
}
