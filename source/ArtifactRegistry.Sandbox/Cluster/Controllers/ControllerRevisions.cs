using System.Text.Json;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Cluster.Store;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>
/// The history of a stateful set or daemon set, as their controllers keep it: one <c>ControllerRevision</c> per distinct pod
/// template, named <c>OWNER-HASH</c>, its <c>data</c> the strategic-merge patch that puts the template back
/// (<c>{"spec":{"template":{…,"$patch":"replace"}}}</c>, what <c>kubectl rollout undo</c> sends), its labels the template's
/// plus the hash, its annotations the owner's (so <c>kubernetes.io/change-cause</c> shows in <c>rollout history</c>). A template
/// that returns (an undo) takes the next revision number again; revisions beyond <c>revisionHistoryLimit</c> that no pod
/// runs are deleted.
/// </summary>
internal sealed class ControllerRevisions(ClusterStore store)
{
    /// <summary>The label stateful set revisions carry their hash in (daemon set revisions use <see cref="PodRevisionLabel"/>).</summary>
    public const string HashLabel = "controller.kubernetes.io/hash";

    /// <summary>The pod label naming the revision a pod was made from.</summary>
    public const string PodRevisionLabel = "controller-revision-hash";

    public sealed record History(V1ControllerRevision Update, IReadOnlyList<V1ControllerRevision> All);

    /// <summary>Finds or records the revision of the owner's current template; <paramref name="hashLabel"/> is where the revision keeps its hash.</summary>
    public History Sync(string kind, IKubernetesObject<V1ObjectMeta> owner, V1PodTemplateSpec template, string hashLabel)
    {
        var meta = owner.Metadata;
        var all = store.Children(meta.Uid, ResourceType.ControllerRevisions).Select(r => r.As<V1ControllerRevision>()).ToList();
        var data = Data(template);
        var parsed = JsonNode.Parse(data);
        var max = all.Select(r => r.Revision).DefaultIfEmpty(0).Max();
        var same = all.FirstOrDefault(r => JsonNode.DeepEquals(JsonNode.Parse(DataText(r)), parsed));
        if (same is not null)
        {
            if (same.Revision < max)
            {
                // An undo: the old template is current again and takes the next number, as the controllers renumber it.
                same = store.Update(ResourceType.ControllerRevisions, meta.NamespaceProperty, same.Metadata.Name, o =>
                {
                    ((V1ControllerRevision)o).Revision = max + 1;
                    return true;
                }).As<V1ControllerRevision>();
                all = all.Select(r => r.Metadata.Uid == same.Metadata.Uid ? same : r).ToList();
            }

            return new History(same, all);
        }

        var hash = PodTemplates.Hash(template);
        var labels = new Dictionary<string, string>(template.Metadata?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [hashLabel] = hash };
        var revision = new V1ControllerRevision
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{meta.Name}-{hash}",
                NamespaceProperty = meta.NamespaceProperty,
                Labels = labels,
                Annotations = meta.Annotations is null ? null : new Dictionary<string, string>(meta.Annotations, StringComparer.Ordinal),
                OwnerReferences = [DeploymentController.Owner(kind, meta)],
            },
            Data = JsonDocument.Parse(data).RootElement.Clone(),
            Revision = max + 1,
        };
        var created = store.Create(ResourceType.ControllerRevisions, revision).As<V1ControllerRevision>();
        all.Add(created);
        return new History(created, all);
    }

    /// <summary>Deletes the oldest revisions beyond <paramref name="limit"/>, sparing the ones named in <paramref name="live"/> (in use by pods, current, update).</summary>
    public void CleanUp(IReadOnlyList<V1ControllerRevision> all, int limit, IReadOnlySet<string> live)
    {
        var idle = all.Where(r => !live.Contains(r.Metadata.Name)).OrderBy(r => r.Revision).ToList();
        foreach (var revision in idle.Take(Math.Max(0, all.Count - limit)))
            store.Delete(ResourceType.ControllerRevisions, revision.Metadata.NamespaceProperty, revision.Metadata.Name);
    }

    /// <summary>The pod template a revision records.</summary>
    public static V1PodTemplateSpec Template(V1ControllerRevision revision)
    {
        var template = JsonNode.Parse(DataText(revision))?["spec"]?["template"]?.AsObject() ?? new JsonObject();
        template.Remove("$patch");
        return KubernetesJson.Deserialize<V1PodTemplateSpec>(template.ToJsonString());
    }

    /// <summary>The hash part of a revision's name (<c>web-5d4b8c7f9</c> → <c>5d4b8c7f9</c>).</summary>
    public static string Hash(V1ControllerRevision revision, string owner) => revision.Metadata.Name[(owner.Length + 1)..];

    private static string Data(V1PodTemplateSpec template)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(template))!.AsObject();
        node["$patch"] = "replace";
        return new JsonObject { ["spec"] = new JsonObject { ["template"] = node } }.ToJsonString();
    }

    private static string DataText(V1ControllerRevision revision) => revision.Data switch
    {
        JsonElement element => element.GetRawText(),
        null => "{}",
        var other => KubernetesJson.Serialize(other),
    };
}
