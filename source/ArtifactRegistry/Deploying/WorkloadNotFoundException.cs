using ArtifactRegistry.Hints;
using ArtifactRegistry.Rollouts;

namespace ArtifactRegistry.Deploying;

/// <summary>The workload, or its namespace, does not exist on the cluster; the message lists what does.</summary>
public sealed class WorkloadNotFoundException : Exception
{
    internal WorkloadNotFoundException(WorkloadReference workload, string ns, string context, bool namespaceMissing, IReadOnlyList<string>? existing, Exception inner)
        : base(Describe(workload, ns, context, namespaceMissing, existing), inner)
    {
        this.Naming(SettingNames.KubeNamespace.With("NAME"), SettingNames.KubeContext, SettingNames.Workloads.With("deployment/NAME"), SettingNames.KubeNamespace);
        Workload = workload;
        Namespace = ns;
        NamespaceMissing = namespaceMissing;
        Existing = existing ?? [];
    }

    /// <inheritdoc/>
    public override string Message => SettingHints.Render(this, base.Message);

    /// <summary>The workload that was not found.</summary>
    public WorkloadReference Workload { get; }

    /// <summary>The namespace it was looked for in.</summary>
    public string Namespace { get; }

    /// <summary>Whether the namespace itself is missing (then <see cref="Existing"/> lists namespaces).</summary>
    public bool NamespaceMissing { get; }

    /// <summary>The workloads of the same kind in the namespace, or the namespaces; empty when they could not be listed.</summary>
    public IReadOnlyList<string> Existing { get; }

    private static string Describe(WorkloadReference workload, string ns, string context, bool namespaceMissing, IReadOnlyList<string>? existing)
    {
        if (namespaceMissing)
            return $"Namespace {ns} does not exist on kube context {context}, so {workload} cannot be found there. " +
                   (existing is null ? "(The credentials may not list namespaces.) " : $"Namespaces: {List(existing)}. ") +
                   $"Give the right one ({SettingNames.KubeNamespace.With("NAME")}), or pick the context of the right cluster ({SettingNames.KubeContext}).";
        var listed = existing is null ? $"(the credentials may not list {workload.Kind.Resource()})"
            : existing.Count == 0 ? $"it has no {workload.Kind.Resource()} at all"
            : $"its {workload.Kind.Resource()}: {List(existing)}";
        return $"{workload} does not exist in namespace {ns} on kube context {context}; {listed}. " +
               $"Give the workload's name as kubectl get shows it ({SettingNames.Workloads.With("deployment/NAME")}), and check the namespace ({SettingNames.KubeNamespace}) and context ({SettingNames.KubeContext}).";
    }

    private static string List(IReadOnlyList<string> names) => names.Count == 0 ? "(none)" : string.Join(", ", names.Order(StringComparer.Ordinal));
}
