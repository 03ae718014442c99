using ArtifactRegistry.Kubernetes;
using k8s.Models;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// <c>kubectl rollout undo</c>'s rule for a stateful set or daemon set: among the controller revisions the workload controls,
/// take the one with the second-highest revision number, and send its <c>data</c> (<see cref="ControllerRevisionData"/>) as a
/// strategic-merge patch.
/// </summary>
internal static class ControllerRevisionUndo
{
    /// <summary>The revision to go back to, or null when the workload has no earlier one.</summary>
    public static V1ControllerRevision? FindPrevious(WorkloadObject workload, IEnumerable<V1ControllerRevision> revisions) => revisions
        .Where(revision => revision.Metadata.OwnerReferences?.Any(owner => owner.Controller == true && owner.Uid == workload.Uid) == true)
        .OrderByDescending(revision => revision.Revision)
        .Skip(1)
        .FirstOrDefault();
}
