using ArtifactRegistry.Rollouts;
using k8s.Models;

namespace ArtifactRegistry.Kubernetes;

/// <summary>A deployment, stateful set or daemon set as one shape: what SetImage reads, patches and watches.</summary>
internal sealed record WorkloadObject
{
    public required WorkloadReference Reference { get; init; }

    public required string Namespace { get; init; }

    public required string Uid { get; init; }

    public required string ResourceVersion { get; init; }

    public IDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public required V1LabelSelector Selector { get; init; }

    public required V1PodTemplateSpec Template { get; init; }

    public required WorkloadStatus Status { get; init; }

    /// <summary>The deployment's <c>spec.progressDeadlineSeconds</c> (600 when unset); null for the other kinds.</summary>
    public int? ProgressDeadlineSeconds { get; init; }

    public IReadOnlyList<PodTemplateContainer> Containers =>
        [
            .. (Template.Spec?.InitContainers ?? []).Select(container => new PodTemplateContainer(container.Name, container.Image, IsInit: true)),
            .. (Template.Spec?.Containers ?? []).Select(container => new PodTemplateContainer(container.Name, container.Image)),
        ];

    public static WorkloadObject From(V1Deployment deployment) => new()
    {
        Reference = new WorkloadReference(WorkloadKind.Deployment, deployment.Metadata.Name),
        Namespace = deployment.Metadata.NamespaceProperty,
        Uid = deployment.Metadata.Uid ?? "",
        ResourceVersion = deployment.Metadata.ResourceVersion ?? "",
        Annotations = deployment.Metadata.Annotations ?? new Dictionary<string, string>(),
        Selector = deployment.Spec.Selector,
        Template = deployment.Spec.Template,
        ProgressDeadlineSeconds = deployment.Spec.ProgressDeadlineSeconds ?? 600,
        Status = new WorkloadStatus
        {
            Kind = WorkloadKind.Deployment,
            Generation = deployment.Metadata.Generation ?? 0,
            ObservedGeneration = deployment.Status?.ObservedGeneration,
            DesiredReplicas = deployment.Spec.Replicas ?? 1,
            Replicas = deployment.Status?.Replicas ?? 0,
            UpdatedReplicas = deployment.Status?.UpdatedReplicas ?? 0,
            ReadyReplicas = deployment.Status?.ReadyReplicas ?? 0,
            AvailableReplicas = deployment.Status?.AvailableReplicas ?? 0,
            Paused = deployment.Spec.Paused ?? false,
            UpdateStrategy = deployment.Spec.Strategy?.Type,
            Revision = deployment.Metadata.Annotations?.TryGetValue(RevisionAnnotation, out var revision) == true ? revision : null,
            Conditions = Conditions(deployment.Status?.Conditions?.Select(c => (c.Type, c.Status, c.Reason, c.Message))),
        },
    };

    public static WorkloadObject From(V1StatefulSet set) => new()
    {
        Reference = new WorkloadReference(WorkloadKind.StatefulSet, set.Metadata.Name),
        Namespace = set.Metadata.NamespaceProperty,
        Uid = set.Metadata.Uid ?? "",
        ResourceVersion = set.Metadata.ResourceVersion ?? "",
        Annotations = set.Metadata.Annotations ?? new Dictionary<string, string>(),
        Selector = set.Spec.Selector,
        Template = set.Spec.Template,
        Status = new WorkloadStatus
        {
            Kind = WorkloadKind.StatefulSet,
            Generation = set.Metadata.Generation ?? 0,
            ObservedGeneration = set.Status?.ObservedGeneration,
            DesiredReplicas = set.Spec.Replicas ?? 1,
            Replicas = set.Status?.Replicas ?? 0,
            UpdatedReplicas = set.Status?.UpdatedReplicas ?? 0,
            ReadyReplicas = set.Status?.ReadyReplicas ?? 0,
            AvailableReplicas = set.Status?.AvailableReplicas ?? 0,
            UpdateStrategy = set.Spec.UpdateStrategy?.Type,
            Partition = set.Spec.UpdateStrategy?.RollingUpdate?.Partition ?? 0,
            CurrentRevision = set.Status?.CurrentRevision,
            UpdateRevision = set.Status?.UpdateRevision,
            Conditions = Conditions(set.Status?.Conditions?.Select(c => (c.Type, c.Status, c.Reason, c.Message))),
        },
    };

    public static WorkloadObject From(V1DaemonSet set) => new()
    {
        Reference = new WorkloadReference(WorkloadKind.DaemonSet, set.Metadata.Name),
        Namespace = set.Metadata.NamespaceProperty,
        Uid = set.Metadata.Uid ?? "",
        ResourceVersion = set.Metadata.ResourceVersion ?? "",
        Annotations = set.Metadata.Annotations ?? new Dictionary<string, string>(),
        Selector = set.Spec.Selector,
        Template = set.Spec.Template,
        Status = new WorkloadStatus
        {
            Kind = WorkloadKind.DaemonSet,
            Generation = set.Metadata.Generation ?? 0,
            ObservedGeneration = set.Status?.ObservedGeneration,
            DesiredReplicas = set.Status?.DesiredNumberScheduled ?? 0,
            Replicas = set.Status?.CurrentNumberScheduled ?? 0,
            UpdatedReplicas = set.Status?.UpdatedNumberScheduled ?? 0,
            ReadyReplicas = set.Status?.NumberReady ?? 0,
            AvailableReplicas = set.Status?.NumberAvailable ?? 0,
            UpdateStrategy = set.Spec.UpdateStrategy?.Type,
            Conditions = Conditions(set.Status?.Conditions?.Select(c => (c.Type, c.Status, c.Reason, c.Message))),
        },
    };

    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    private static IReadOnlyList<WorkloadCondition> Conditions(IEnumerable<(string Type, string Status, string Reason, string Message)>? conditions) =>
        conditions?.Select(c => new WorkloadCondition(c.Type, c.Status, c.Reason, c.Message)).ToList() ?? [];
}
