using System.Text;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Store;

/// <summary>
/// One version of an object as the store holds it: the model (never changed once stored) and its JSON, serialized once so
/// that reads, lists and watches copy bytes instead of serializing again.
/// </summary>
internal sealed class StoredObject(ResourceType type, IKubernetesObject<V1ObjectMeta> model, long resourceVersion)
{
    public ResourceType Type { get; } = type;

    public IKubernetesObject<V1ObjectMeta> Model { get; } = model;

    public byte[] Json { get; } = Encoding.UTF8.GetBytes(KubernetesJson.Serialize(model));

    public long ResourceVersion { get; } = resourceVersion;

    public string Name => Model.Metadata.Name;

    public string? Namespace => Model.Metadata.NamespaceProperty;

    public string Uid => Model.Metadata.Uid;

    public T As<T>() where T : IKubernetesObject<V1ObjectMeta> => (T)Model;

    /// <summary>A private, changeable copy of the model.</summary>
    public IKubernetesObject<V1ObjectMeta> Copy() => Type.Parse(Encoding.UTF8.GetString(Json));

    public T Copy<T>() where T : IKubernetesObject<V1ObjectMeta> => (T)Copy();

    public string? ControllerUid => Model.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true)?.Uid;

    public override string ToString() => $"{Type.QualifiedPlural} {Namespace}/{Name}@{ResourceVersion}";
}

/// <summary>What a watch reports: ADDED, MODIFIED or DELETED, with the object as it is after the change (or was, for DELETED).</summary>
internal enum ChangeType
{
    Added,
    Modified,
    Deleted,
}

internal sealed record Change(ChangeType Type, StoredObject Object)
{
    public string TypeName => Type switch
    {
        ChangeType.Added => "ADDED",
        ChangeType.Modified => "MODIFIED",
        _ => "DELETED",
    };
}
