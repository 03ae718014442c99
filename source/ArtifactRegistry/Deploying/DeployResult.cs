using System.Globalization;
using System.Text;
using ArtifactRegistry.Grants;
using ArtifactRegistry.Publishing;

namespace ArtifactRegistry.Deploying;

/// <summary>What a Deploy did: the pushes, the reader grants, the rollouts, and where the time went.</summary>
public sealed record DeployResult
{
    /// <summary>Each image's build and push, in the order of <see cref="DeploySettings.Images"/>.</summary>
    public required IReadOnlyList<BuildAndPushResult> Pushed { get; init; }

    /// <summary>Each repository's reader grant, when <see cref="DeploySettings.ReaderMember"/> was set.</summary>
    public IReadOnlyList<GrantReaderResult> Grants { get; init; } = [];

    /// <summary>Each image's rollout, in the same order as <see cref="Pushed"/>.</summary>
    public required IReadOnlyList<SetImageResult> Rollouts { get; init; }

    /// <summary>The images pinned in <see cref="DeploySettings.Kustomization"/> (checked, not written, in a dry run).</summary>
    public IReadOnlyList<GitOps.KustomizationPin> Kustomizations { get; init; } = [];

    /// <summary>Nothing was built, pushed or patched: <see cref="Rollouts"/> hold the plan, and <see cref="Pushed"/> is empty.</summary>
    public bool DryRun { get; init; }

    /// <summary>How long the whole Deploy took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Time inside <c>docker build</c> and <c>docker push</c>, every image.</summary>
    public TimeSpan DockerDuration => Pushed.Aggregate(TimeSpan.Zero, (sum, push) => sum + push.DockerDuration);

    /// <summary>Time the patched workloads took to roll out (the wait for pods); workloads already running their digest count as overhead.</summary>
    public TimeSpan RolloutWait => Rollouts.SelectMany(rollout => rollout.Workloads)
        .Where(workload => workload.Outcome != RolloutOutcome.Unchanged)
        .Select(workload => workload.Duration).DefaultIfEmpty(TimeSpan.Zero).Max();

    /// <summary>What Deploy itself cost beyond docker and the wait for pods: checks, credentials, registry and cluster requests.</summary>
    public TimeSpan Overhead
    {
        get
        {
            var overhead = Duration - DockerDuration - RolloutWait;
            return overhead > TimeSpan.Zero ? overhead : TimeSpan.Zero;
        }
    }

    /// <summary>The summary table: one row per workload, then the grants and the time.</summary>
    public override string ToString()
    {
        var rows = new List<string[]> { new[] { "image", "digest", "push", "workload", "outcome" } };
        if (DryRun)
            foreach (var workload in Rollouts.SelectMany(rollout => rollout.Workloads))
                rows.Add([workload.Image.WithoutDigest().ToString(), workload.Image.Digest?.ToShortString() ?? "digest of the next build", "not built (dry run)",
                    $"{workload.Workload} ({workload.Namespace})", $"{Outcome(workload)}: {workload.PreviousImage ?? "(no image)"} → {SetImageResult.Target(workload)}"]);
        for (var i = 0; i < Pushed.Count; i++)
        {
            var push = Pushed[i];
            var pushText = push.LayersPushed == 0 ? "nothing new (all layers present)" : $"{push.LayersPushed} layer{(push.LayersPushed == 1 ? "" : "s")} uploaded";
            var workloads = i < Rollouts.Count ? Rollouts[i].Workloads : [];
            if (workloads.Count == 0)
                rows.Add([push.Image.WithoutDigest().ToString(), push.Digest.ToShortString(), pushText, "-", "not rolled out"]);
            foreach (var workload in workloads)
                rows.Add([push.Image.WithoutDigest().ToString(), push.Digest.ToShortString(), pushText, $"{workload.Workload} ({workload.Namespace})", Outcome(workload)]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.Append(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd()).Append('\n');
        foreach (var pin in Kustomizations)
            text.Append($"kustomization: {pin.Path}: {pin.Name} pinned to {pin.NewName}@{pin.Digest} ({(pin.Added ? "entry added" : "entry changed")})\n");
        foreach (var grant in Grants)
            text.Append($"reader: {grant.Member} holds {grant.Role} on {grant.Repository.DockerPath} ({(grant.Changed ? "granted now" : "already granted")})\n");
        if (DryRun)
            return text.Append($"time  : total {Seconds(Duration)} (dry run: checks and the server's dry-run patches; nothing built)").ToString();
        text.Append($"time  : total {Seconds(Duration)} = docker build and push {Seconds(DockerDuration)} + rollout {Seconds(RolloutWait)} + Deploy's own {Seconds(Overhead)}");
        return text.ToString();
    }

    private static string Outcome(WorkloadRolloutResult workload) => workload.Outcome switch
    {
        RolloutOutcome.RolledOut => $"rolled out{(workload.Revision is { } revision ? $" (revision {revision})" : "")}, {workload.AvailableReplicas}/{workload.DesiredReplicas} available",
        RolloutOutcome.Unchanged => "already running this digest",
        RolloutOutcome.Planned => "would be patched (the API server accepted it with dryRun=All)",
        RolloutOutcome.RolledBack => $"FAILED, rolled back to {workload.RestoredImage}",
        _ => "FAILED",
    };

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture);
}
