namespace ArtifactRegistry.Pruning;

/// <summary>A prune was cancelled part way; <see cref="Result"/> says exactly what had been deleted.</summary>
public sealed class PruneCancelledException(PruneUntaggedResult result, CancellationToken token)
    : OperationCanceledException(
        $"PruneUntagged was cancelled after deleting {result.Deleted + result.AlreadyGone} of {result.Plan.DeleteCount} planned versions; " +
        $"{result.NotAttempted} were not attempted. Running it again continues where it stopped: it plans from what is left.", token)
{
    /// <summary>What the prune did before it was cancelled.</summary>
    public PruneUntaggedResult Result { get; } = result;
}
