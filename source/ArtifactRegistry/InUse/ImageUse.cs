using ArtifactRegistry.References;
using ArtifactRegistry.Rollouts;

namespace ArtifactRegistry.InUse;

/// <summary>Where an image is in use: a pod running it, or a workload, replica set or controller revision whose pod template names it.</summary>
public enum ImageUseSource
{
    /// <summary>The digest a node resolved for a running or waiting container (<c>status.containerStatuses[].imageID</c>).</summary>
    PodStatus,

    /// <summary>A pod's spec naming the image pinned to a digest.</summary>
    PodSpec,

    /// <summary>A deployment's, stateful set's or daemon set's pod template.</summary>
    Workload,

    /// <summary>A replica set's pod template: a deployment's earlier revisions, which a rollback brings back.</summary>
    ReplicaSet,

    /// <summary>A controller revision's pod template: a stateful set's or daemon set's earlier revisions, which a rollback brings back.</summary>
    ControllerRevision,
}

/// <param name="Owner">The pod, workload or replica set: <c>pod/api-7d-x</c>, <c>deployment/api</c>, <c>replicaset/api-7d</c>.</param>
/// <param name="Image">The image as the cluster writes it.</param>
/// <param name="Digest">Its digest, or null when it names a tag only (a template that is not pinned).</param>
public sealed record ImageUse(string KubeContext, string Namespace, string Owner, ImageUseSource Source, ContainerImage Image, ImageDigest? Digest);
