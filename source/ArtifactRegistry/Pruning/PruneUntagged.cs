using ArtifactRegistry.Context;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Pruning;

/// <summary>
/// Deletes what a prune policy selects, untagged versions only by default, fast and within the delete quota:
/// <c>await PruneUntagged.RunAsync(context, s =&gt; s.SetRepositories("asia-docker.pkg.dev/my-project/my-repo").SetOlderThan(TimeSpan.FromDays(7)))</c>.
/// Replaces <c>for d in $(gcloud … list-tags --filter='-tags:*' …); do gcloud … delete …@$d --quiet; done</c>.
/// </summary>
public static class PruneUntagged
{
    /// <summary>Prunes sometimes meet a burst of 429s; a delete that still fails gets one more round anyway.</summary>
    private static readonly RetryPolicy Retry = RetryPolicy.Default with { MaxAttempts = 10 };

    /// <summary>Runs with the settings <paramref name="configure"/> makes from the defaults.</summary>
    /// <inheritdoc cref="RunAsync(OperationContext, PruneUntaggedSettings, CancellationToken)"/>
    public static Task<PruneUntaggedResult> RunAsync(OperationContext context, Func<PruneUntaggedSettings, PruneUntaggedSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RunAsync(context, configure(new PruneUntaggedSettings()), cancellationToken);
    }

    /// <summary>
    /// Validates the policy and scope, checks access, asks what is in use (the kube contexts' pods and workloads, unless another source is set), lists every version (1,000 a page), plans, logs the
    /// plan as a table, then (unless a dry run) deletes in rounds under the rate limit and logs the counts.
    /// </summary>
    /// <exception cref="InvalidPrunePolicyException">A pattern or number in the policy cannot be used.</exception>
    /// <exception cref="ArgumentException">No scope, or a scope entry that is neither an image nor a repository.</exception>
    /// <exception cref="References.InvalidImageReferenceException">An image or repository reference is not valid.</exception>
    /// <exception cref="Kubernetes.KubeconfigException">A kube context cannot be reached from the kubeconfig (nothing was deleted).</exception>
    /// <exception cref="Kubernetes.KubernetesApiException">A cluster refused to list its pods or workloads (nothing was deleted).</exception>
    /// <exception cref="Access.ArtifactRegistryAccessDeniedException">The principal may not list or delete there.</exception>
    /// <exception cref="Access.RepositoryNotFoundException">A repository does not exist or cannot be seen.</exception>
    /// <exception cref="PruneCancelledException">Cancelled part way; it carries what was done.</exception>
    /// <exception cref="Auth.GoogleCredentialException">No credentials: the context has no token source and Application Default Credentials find none.</exception>
    public static async Task<PruneUntaggedResult> RunAsync(OperationContext context, PruneUntaggedSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        // Policy and scope are checked before credentials are looked for: a typo fails in milliseconds.
        settings.ToPolicy();
        PruneScope.Parse(settings.Images, settings.Repositories);
        using var client = await RestOnlyClient.OpenAsync(context, nameof(PruneUntagged), cancellationToken, Retry).ConfigureAwait(false);
        if (settings is { InUseDigests: null, KubeContexts.Length: > 0 })
            settings = settings.SetInUseDigests(new ClusterInUseDigests(context, settings.KubeContexts, client));
        return await new PruneUntaggedOperation(client, settings, context.Logger, context.Time).RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
