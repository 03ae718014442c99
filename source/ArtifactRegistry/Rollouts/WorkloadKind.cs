namespace ArtifactRegistry.Rollouts;

/// <summary>The workloads whose pod template SetImage changes and whose rollout it watches (all in API group <c>apps/v1</c>).</summary>
public enum WorkloadKind
{
    /// <summary>A Deployment.</summary>
    Deployment,
    /// <summary>A StatefulSet.</summary>
    StatefulSet,
    /// <summary>A DaemonSet.</summary>
    DaemonSet,
}

/// <summary>The names kubectl and the API use for each kind.</summary>
public static class WorkloadKinds
{
    /// <summary><c>deployment</c>, <c>statefulset</c>, <c>daemonset</c>: what <c>kind/NAME</c> is written with.</summary>
    public static string CommandName(this WorkloadKind kind) => kind switch
    {
        WorkloadKind.Deployment => "deployment",
        WorkloadKind.StatefulSet => "statefulset",
        WorkloadKind.DaemonSet => "daemonset",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The API resource: <c>deployments</c>, <c>statefulsets</c>, <c>daemonsets</c>.</summary>
    public static string Resource(this WorkloadKind kind) => kind.CommandName() + "s";

    /// <summary>Every way kubectl accepts to write the kind, as in <c>deploy/app</c> or <c>deployments.apps/app</c>.</summary>
    internal static WorkloadKind? FromText(string text) => text.ToLowerInvariant() switch
    {
        "deployment" or "deployments" or "deploy" or "deployment.apps" or "deployments.apps" => WorkloadKind.Deployment,
        "statefulset" or "statefulsets" or "sts" or "statefulset.apps" or "statefulsets.apps" => WorkloadKind.StatefulSet,
        "daemonset" or "daemonsets" or "ds" or "daemonset.apps" or "daemonsets.apps" => WorkloadKind.DaemonSet,
        _ => null,
    };
}
