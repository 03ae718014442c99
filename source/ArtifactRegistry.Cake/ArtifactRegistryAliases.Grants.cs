using ArtifactRegistry.Cake.Arguments;
using ArtifactRegistry.Cake.Hosting;
using ArtifactRegistry.Grants;
using Cake.Core;
using Cake.Core.Annotations;

namespace ArtifactRegistry.Cake;

public static partial class ArtifactRegistryAliases
{
    /// <summary>
    /// Lets a member (a GKE node pool's service account, typically) pull from a repository; idempotent:
    /// <c>GrantReader(s =&gt; s.SetRepository("asia-docker.pkg.dev/p/repo").SetMember("serviceAccount:nodes@cluster-project.iam.gserviceaccount.com"))</c>.
    /// </summary>
    [CakeMethodAlias]
    public static GrantReaderResult GrantReader(this ICakeContext context, Func<GrantReaderSettings, GrantReaderSettings>? configure = null) =>
        AliasRun.Run(context, nameof(GrantReader), (session, cancellationToken) =>
            global::ArtifactRegistry.Grants.GrantReader.RunAsync(session.Context, Configured(ArgumentDefaults.GrantReader(context.Arguments), configure), cancellationToken));

    /// <summary>
    /// Whether a member can pull from a repository, and through which binding, as far as the script's credentials may read the
    /// policies: <c>CheckPullAccess(s =&gt; s.SetRepository("asia-docker.pkg.dev/p/repo").SetMember("serviceAccount:…"))</c>.
    /// </summary>
    [CakeMethodAlias]
    public static PullAccessResult CheckPullAccess(this ICakeContext context, Func<CheckPullAccessSettings, CheckPullAccessSettings>? configure = null) =>
        AliasRun.Run(context, nameof(CheckPullAccess), (session, cancellationToken) =>
            global::ArtifactRegistry.Grants.CheckPullAccess.RunAsync(session.Context, Configured(ArgumentDefaults.CheckPullAccess(context.Arguments), configure), cancellationToken));
}
