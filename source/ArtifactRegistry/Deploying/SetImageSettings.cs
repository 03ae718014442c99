using System.Collections.Immutable;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// One SetImage: which image goes into which container of which workloads, and how long to wait; the cluster is the
/// <see cref="Context.OperationContext"/>'s kube context.
/// Immutable; changed with the fluent methods of <see cref="SetImageSettingsExtensions"/>.
/// </summary>
public sealed record SetImageSettings
{
    /// <summary>
    /// The image, canonical: pinned (<c>…/app:abc1234@sha256:…</c>, what BuildAndPush returns) or a tag (<c>…/app:1.2</c>), which is
    /// resolved to its digest through Artifact Registry first. A bare name is refused: it would mean whatever <c>:latest</c> is.
    /// </summary>
    public string? Image { get; init; }

    /// <summary>The workloads to roll out, <c>deployment/NAME</c>, <c>statefulset/NAME</c> or <c>daemonset/NAME</c>; in parallel.</summary>
    public ImmutableList<string> Workloads { get; init; } = [];

    /// <summary>The namespace; null: the kube context's namespace, else <c>default</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary>The container to change; null: the one named like the workload, else the only one.</summary>
    public string? Container { get; init; }

    /// <summary>How long a rollout may take before SetImage gives up on it (and rolls back, if asked); a rollback gets as long again.</summary>
    public TimeSpan RolloutTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether a failed rollout is undone to the previous revision (as <c>kubectl rollout undo</c>: a deployment's previous
    /// replica set, a stateful set's or daemon set's previous controller revision), and awaited until healthy.
    /// </summary>
    public bool RollbackOnFailure { get; init; }

    /// <summary>The commit deployed, for the change-cause; null: the CI's (<c>GITHUB_SHA</c>, <c>CI_COMMIT_SHA</c>…), if any.</summary>
    public string? Commit { get; init; }

    /// <summary>
    /// Check everything and change nothing: the image is resolved, every workload and container read, and each patch sent with
    /// <c>dryRun=All</c>, so the API server's validation, admission and RBAC answer now; the plan (current image → new image) is
    /// logged and returned, each workload <see cref="RolloutOutcome.Planned"/> (or unchanged).
    /// </summary>
    public bool DryRun { get; init; }

    /// <summary>Deploy's dry run: <see cref="Image"/> is <c>IMAGE:TAG</c> of the build that has not run, not resolved to a digest.</summary>
    internal bool ImageIsNextBuild { get; init; }

    /// <summary>How many of a crashed container's last log lines the failure message shows.</summary>
    public int LogLines { get; init; } = 20;
}
