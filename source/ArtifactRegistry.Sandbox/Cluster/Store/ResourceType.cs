using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Store;

/// <summary>
/// A kind of object the cluster serves: where it lives in the API (group, version, plural), how discovery lists it, and the
/// GKE IAM noun its permissions are named after (<c>container.replicaSets.list</c>).
/// </summary>
internal sealed record ResourceType(
    string Plural,
    string Singular,
    string Kind,
    string Group,
    string Version,
    bool Namespaced,
    string PermissionNoun,
    string[] ShortNames,
    string[] Verbs,
    string[] Subresources,
    Func<string, IKubernetesObject<V1ObjectMeta>> Parse)
{
    private static readonly string[] ReadWrite = ["create", "delete", "get", "list", "patch", "update", "watch"];

    public static readonly ResourceType Namespaces = new("namespaces", "namespace", "Namespace", "", "v1", false, "namespaces", ["ns"],
        ReadWrite, [], json => KubernetesJson.Deserialize<V1Namespace>(json));

    public static readonly ResourceType Pods = new("pods", "pod", "Pod", "", "v1", true, "pods", ["po"],
        ReadWrite, ["log", "status"], json => KubernetesJson.Deserialize<V1Pod>(json));

    public static readonly ResourceType Events = new("events", "event", "Event", "", "v1", true, "events", ["ev"],
        ["create", "delete", "get", "list", "watch"], [], json => KubernetesJson.Deserialize<Corev1Event>(json));

    public static readonly ResourceType Deployments = new("deployments", "deployment", "Deployment", "apps", "v1", true, "deployments", ["deploy"],
        ReadWrite, ["scale", "status"], json => KubernetesJson.Deserialize<V1Deployment>(json));

    public static readonly ResourceType ReplicaSets = new("replicasets", "replicaset", "ReplicaSet", "apps", "v1", true, "replicaSets", ["rs"],
        ReadWrite, ["scale", "status"], json => KubernetesJson.Deserialize<V1ReplicaSet>(json));

    public static readonly ResourceType StatefulSets = new("statefulsets", "statefulset", "StatefulSet", "apps", "v1", true, "statefulSets", ["sts"],
        ReadWrite, ["status"], json => KubernetesJson.Deserialize<V1StatefulSet>(json));

    public static readonly ResourceType DaemonSets = new("daemonsets", "daemonset", "DaemonSet", "apps", "v1", true, "daemonSets", ["ds"],
        ReadWrite, ["status"], json => KubernetesJson.Deserialize<V1DaemonSet>(json));

    public static readonly ResourceType ControllerRevisions = new("controllerrevisions", "controllerrevision", "ControllerRevision", "apps", "v1", true, "controllerRevisions", [],
        ReadWrite, [], json => KubernetesJson.Deserialize<V1ControllerRevision>(json));

    /// <summary>Read-only here: the simulated kubelets register them, and no role of the sandbox may change them.</summary>
    public static readonly ResourceType Nodes = new("nodes", "node", "Node", "", "v1", false, "nodes", ["no"],
        ["get", "list", "watch"], ["status"], json => KubernetesJson.Deserialize<V1Node>(json));

    public static readonly IReadOnlyList<ResourceType> All = [Namespaces, Nodes, Pods, Events, Deployments, ReplicaSets, StatefulSets, DaemonSets, ControllerRevisions];

    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    public string GroupVersion => ApiVersion;

    /// <summary>How errors name the resource: <c>deployments.apps</c>, <c>pods</c>.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : Plural + "." + Group;

    public string ListKind => Kind + "List";

    public static ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);
}
