using ArtifactRegistry.Pruning;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

public static partial class ArtifactRegistryTasks
{
    /// <inheritdoc cref="PruneUntaggedAsync"/>
    public static PruneUntaggedResult PruneUntagged(Configure<PruneUntaggedSettings> configure) => PruneUntaggedAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Deletes what the prune policy selects, untagged versions only by default, within the delete quota
    /// (see <see cref="global::ArtifactRegistry.Pruning.PruneUntagged"/>):
    /// <c>ArtifactRegistryTasks.PruneUntagged(s =&gt; s.SetRepositories("asia-docker.pkg.dev/p/repo").SetOlderThan(TimeSpan.FromDays(7)))</c>.
    /// </summary>
    public static Task<PruneUntaggedResult> PruneUntaggedAsync(Configure<PruneUntaggedSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Pruning.PruneUntagged.RunAsync(Context, configure.InvokeSafe(new PruneUntaggedSettings()), cancellationToken);
}
