using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Pruning;

/// <summary>
/// Deletes what a prune policy selects, untagged versions only by default, fast and within the delete quota:
/// <c>await PruneUntagged.RunAsync(client, s =&gt; s.SetRepositories("asia-docker.pkg.dev/my-project/my-repo").SetOlderThan(TimeSpan.FromDays(7)))</c>.
/// Replaces <c>for d in $(gcloud … list-tags --filter='-tags:*' …); do gcloud … delete …@$d --quiet; done</c>.
/// </summary>
public static class PruneUntagged
{
    public static Task<PruneUntaggedResult> RunAsync(ArtifactRegistryClient client, Func<PruneUntaggedSettings, PruneUntaggedSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RunAsync(client, configure(new PruneUntaggedSettings()), cancellationToken);
    }

    /// <summary>
    /// Validates the policy and scope, checks access, asks what is in use, lists every version (1,000 a page), plans, logs the
    /// plan as a table, then (unless a dry run) deletes in rounds under the rate limit and logs the counts.
    /// </summary>
    /// <exception cref="InvalidPrunePolicyException">A pattern or number in the policy cannot be used.</exception>
    /// <exception cref="ArgumentException">No scope, or a scope entry that is neither an image nor a repository.</exception>
    /// <exception cref="References.InvalidImageReferenceException">An image or repository reference is not valid.</exception>
    /// <exception cref="InvalidOperationException">Kube contexts were given without a source that reads them.</exception>
    /// <exception cref="Access.ArtifactRegistryAccessDeniedException">The principal may not list or delete there.</exception>
    /// <exception cref="Access.RepositoryNotFoundException">A repository does not exist or cannot be seen.</exception>
    /// <exception cref="PruneCancelledException">Cancelled part way; it carries what was done.</exception>
    public static Task<PruneUntaggedResult> RunAsync(ArtifactRegistryClient client, PruneUntaggedSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        return new PruneUntaggedOperation(client, settings).RunAsync(cancellationToken);
    }
}
