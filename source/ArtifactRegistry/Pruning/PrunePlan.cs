namespace ArtifactRegistry.Pruning;

/// <summary>
/// Every version in scope with what the prune does to it and why. Deletions come in <see cref="DeletionRounds"/>: a round
/// starts only when the one before it is done, so indexes are gone before their platform manifests are deleted.
/// </summary>
public sealed class PrunePlan
{
    internal PrunePlan(PrunePolicy policy, DateTimeOffset plannedAt, IReadOnlyList<PruneDecision> decisions)
    {
        Policy = policy;
        PlannedAt = plannedAt;
        Decisions = decisions;
        var deletions = decisions.Where(d => d.Delete).ToList();
        DeletionRounds = deletions.GroupBy(d => d.Round).OrderBy(g => g.Key).Select(g => (IReadOnlyList<PruneDecision>)g.ToList()).ToList();
        DeleteCount = deletions.Count;
        BytesToReclaim = deletions.Sum(d => d.Version.SizeBytes ?? 0);
    }

    /// <summary>The policy the plan follows.</summary>
    public PrunePolicy Policy { get; }

    /// <summary>When the plan was made; ages are measured from it.</summary>
    public DateTimeOffset PlannedAt { get; }

    /// <summary>One per version: per package (by image path), newest first.</summary>
    public IReadOnlyList<PruneDecision> Decisions { get; }

    /// <summary>The deletions, indexes in a round before the platform manifests they list.</summary>
    public IReadOnlyList<IReadOnlyList<PruneDecision>> DeletionRounds { get; }

    /// <summary>Every deletion, round by round.</summary>
    public IEnumerable<PruneDecision> Deletions => DeletionRounds.SelectMany(round => round);

    /// <summary>How many versions are deleted.</summary>
    public int DeleteCount { get; }

    /// <summary>How many versions stay.</summary>
    public int KeepCount => Decisions.Count - DeleteCount;

    /// <summary>The sizes of the deleted versions added up (layers shared with kept images stay stored, so the storage freed can be less).</summary>
    public long BytesToReclaim { get; }

    /// <summary>The plan as a table, one line per version (header first), for the build log.</summary>
    public IEnumerable<string> ToTable() => PrunePlanTable.Render(this);

    /// <see cref="ToTable"/> as one text.
    public override string ToString() => string.Join('\n', ToTable());
}
