using System.Globalization;
using System.Text;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Pruning;

/// <summary>What a prune did: the plan, each deletion's outcome, and the counts, bytes, requests and time at a glance.</summary>
public sealed record PruneUntaggedResult
{
    /// <summary>The plan the prune followed.</summary>
    public required PrunePlan Plan { get; init; }

    /// <summary>Nothing was changed: the plan is what a real run would delete.</summary>
    public bool DryRun { get; init; }

    /// <summary>One per deletion the plan made (empty for a dry run or a cleanup-policy run).</summary>
    public IReadOnlyList<VersionDeletionOutcome> Outcomes { get; init; } = [];

    /// <summary>The cleanup policies written instead of deleting (<see cref="PruneUntaggedSettings.WriteCleanupPolicy"/>).</summary>
    public CleanupPolicyTranslation? CleanupPolicy { get; init; }

    /// <summary>The run was cancelled; <see cref="Outcomes"/> say what was done before.</summary>
    public bool Cancelled { get; init; }

    /// <summary>REST requests made, listing and retries included.</summary>
    public int ApiRequests { get; init; }

    /// <summary>How long the whole prune took, listing and planning included.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The deleting part of <see cref="Duration"/>, after listing and planning.</summary>
    public TimeSpan DeletionDuration { get; init; }

    /// <summary>Versions this run deleted.</summary>
    public int Deleted => Count(VersionDeletionStatus.Deleted);

    /// <summary>Versions already gone when deleted (someone else deleted them first): the wanted end state all the same.</summary>
    public int AlreadyGone => Count(VersionDeletionStatus.AlreadyGone);

    /// <summary>Versions the registry refused to delete (tagged since the plan was made, listed by a new index, immutable tags…); each outcome says why.</summary>
    public int Refused => Count(VersionDeletionStatus.Refused);

    /// <summary>Versions whose deletion kept failing (5xx, 429, timeouts) beyond every retry.</summary>
    public int Failed => Count(VersionDeletionStatus.Failed);

    /// <summary>Planned deletions not attempted: cancelled, stopped by a permission error, or their index was not deleted.</summary>
    public int NotAttempted => Count(VersionDeletionStatus.NotAttempted);

    /// <summary>The sizes of the versions this run deleted (layers shared with kept images stay stored).</summary>
    public long BytesReclaimed
    {
        get
        {
            var deleted = Outcomes.Where(o => o.Status == VersionDeletionStatus.Deleted).Select(o => o.Deletion.Version).ToHashSet();
            return Plan.Deletions.Where(d => deleted.Contains(d.Version.Name)).Sum(d => d.Version.SizeBytes ?? 0);
        }
    }

    /// <summary>Versions gone per second of <see cref="DeletionDuration"/>.</summary>
    public double DeletionsPerSecond => DeletionDuration > TimeSpan.Zero ? (Deleted + AlreadyGone) / DeletionDuration.TotalSeconds : 0;

    private int Count(VersionDeletionStatus status) => Outcomes.Count(o => o.Status == status);

    /// <summary>The closing lines for the build log (the plan table is logged before).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var versions = Plan.Decisions.Count;
        if (CleanupPolicy is not null)
            text.AppendLine(CleanupPolicy.ToString());
        if (DryRun || CleanupPolicy is not null)
            text.AppendLine(CultureInfo.InvariantCulture, $"PruneUntagged{(DryRun ? " dry run" : "")}: would delete {Plan.DeleteCount} of {versions} versions ({PruneFormat.Size(Plan.BytesToReclaim)}), keep {Plan.KeepCount}; nothing was changed");
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"PruneUntagged: deleted {Deleted} of {versions} versions ({PruneFormat.Size(BytesReclaimed)} reclaimed), kept {Plan.KeepCount}");
            if (AlreadyGone > 0)
                text.Append(CultureInfo.InvariantCulture, $", {AlreadyGone} already gone");
            if (Refused + Failed + NotAttempted > 0)
                text.Append(CultureInfo.InvariantCulture, $", {Refused} refused, {Failed} failed, {NotAttempted} not attempted{(Cancelled ? " (cancelled)" : "")}");
            text.AppendLine();
            foreach (var problem in Outcomes.Where(o => o.Status is VersionDeletionStatus.Refused or VersionDeletionStatus.Failed))
                text.AppendLine(CultureInfo.InvariantCulture, $"  {problem.Status.ToString().ToLowerInvariant()}: {problem.Deletion.Version.ToImageReference()}: {problem.Detail}");
        }

        text.Append(CultureInfo.InvariantCulture, $"  {ApiRequests} API requests, {Duration.TotalSeconds:0.00} s");
        if (!DryRun && CleanupPolicy is null && Deleted + AlreadyGone > 0)
            text.Append(CultureInfo.InvariantCulture, $" ({DeletionDuration.TotalSeconds:0.00} s deleting, {DeletionsPerSecond:0} deletions/s)");
        return text.ToString();
    }
}
