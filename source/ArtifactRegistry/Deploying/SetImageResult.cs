using System.Globalization;
using System.Text;

namespace ArtifactRegistry.Deploying;

/// <summary>Every workload's rollout, in the order given, and the kube context they ran on.</summary>
public sealed record SetImageResult
{
    /// <summary>The kube context the workloads were changed on.</summary>
    public required string KubeContext { get; init; }

    /// <summary>Each workload's rollout, in the order given.</summary>
    public required IReadOnlyList<WorkloadRolloutResult> Workloads { get; init; }

    /// <summary>Nothing was patched: each workload's outcome is <see cref="RolloutOutcome.Planned"/> (or unchanged), the server having accepted its patch with <c>dryRun=All</c>.</summary>
    public bool DryRun { get; init; }

    /// <summary>API requests sent (watches count once each): the cost figure of the benchmark.</summary>
    public int ApiRequests { get; init; }

    /// <summary>How long the whole SetImage took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Whether every workload rolled out or already ran the image.</summary>
    public bool Succeeded => Workloads.All(workload => workload.Succeeded);

    /// <summary>A table per workload for the build log: image, digest, previous digest, revision, replicas, duration, outcome.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var workload in Workloads)
        {
            var rows = new List<(string, string)>
            {
                ("workload", $"{workload.Workload} in {workload.Namespace} (container {workload.Container}, context {KubeContext})"),
                ("image", workload.Image.WithoutDigest().ToString()),
                ("digest", workload.Image.Digest?.ToString() ?? "digest of the next build"),
                ("previous digest", workload.PreviousDigest?.ToString() ?? (workload.PreviousImage is null ? "-" : $"none ({workload.PreviousImage})")),
                ("revision", workload.Revision ?? "-"),
                ("replicas", $"{workload.AvailableReplicas}/{workload.DesiredReplicas} available"),
                ("duration", workload.Duration.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture)),
                ("outcome", Outcome(workload)),
            };
            var width = rows.Max(row => row.Item1.Length);
            foreach (var (name, value) in rows)
                text.Append(name.PadRight(width)).Append(" : ").Append(value).Append('\n');
            text.Append('\n');
        }
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>The image a workload gets: in Deploy's dry run, the next build's, whose digest is not known yet.</summary>
    internal static string Target(WorkloadRolloutResult workload) =>
        workload.Image.HasDigest ? workload.Image.ToString() : $"{workload.Image}@<digest of the next build>";

    private static string Outcome(WorkloadRolloutResult workload) => workload.Outcome switch
    {
        RolloutOutcome.RolledOut => "rolled out",
        RolloutOutcome.Unchanged => "unchanged: already running this digest, nothing patched",
        RolloutOutcome.Planned => $"dry run: would change {workload.PreviousImage ?? "(no image)"} → {Target(workload)}; the API server accepted the patch (dryRun=All), nothing was changed",
        RolloutOutcome.Failed => $"FAILED ({workload.Diagnosis?.Reason ?? "see the message"})",
        RolloutOutcome.RolledBack => $"FAILED ({workload.Diagnosis?.Reason ?? "see the message"}), rolled back to {workload.RestoredImage}",
        RolloutOutcome.RollbackFailed => $"FAILED ({workload.Diagnosis?.Reason ?? "see the message"}), and the rollback failed too",
        _ => workload.Outcome.ToString(),
    };
}
