using ArtifactRegistry.Cake.Arguments;
using ArtifactRegistry.Cake.Hosting;
using ArtifactRegistry.Pruning;
using Cake.Core;
using Cake.Core.Annotations;

namespace ArtifactRegistry.Cake;

public static partial class ArtifactRegistryAliases
{
    /// <summary>
    /// Deletes what the prune policy selects, untagged versions only by default, never what a cluster runs, within the delete quota:
    /// <c>PruneUntagged(s =&gt; s.SetRepositories("asia-docker.pkg.dev/p/repo").SetOlderThan(TimeSpan.FromDays(7)))</c>.
    /// </summary>
    [CakeMethodAlias]
    public static PruneUntaggedResult PruneUntagged(this ICakeContext context, Func<PruneUntaggedSettings, PruneUntaggedSettings>? configure = null) =>
        AliasRun.Run(context, nameof(PruneUntagged), (session, cancellationToken) =>
            global::ArtifactRegistry.Pruning.PruneUntagged.RunAsync(session.Context, Configured(ArgumentDefaults.PruneUntagged(context.Arguments), configure), cancellationToken));
}
