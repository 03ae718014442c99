using ArtifactRegistry.Context;
using ArtifactRegistry.Grants;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

public static partial class ArtifactRegistryTasks
{
    /// <inheritdoc cref="GrantReaderAsync(Configure{GrantReaderSettings}, CancellationToken)"/>
    public static GrantReaderResult GrantReader(Configure<GrantReaderSettings> configure) =>
        GrantReaderAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Lets a member (a GKE node pool's service account, typically) pull from a repository; idempotent
    /// (see <see cref="global::ArtifactRegistry.Grants.GrantReader"/>):
    /// <c>ArtifactRegistryTasks.GrantReader(s =&gt; s.SetRepository("asia-docker.pkg.dev/p/repo").SetMember("serviceAccount:nodes@cluster-project.iam.gserviceaccount.com"))</c>.
    /// </summary>
    public static Task<GrantReaderResult> GrantReaderAsync(Configure<GrantReaderSettings> configure, CancellationToken cancellationToken = default) =>
        GrantReaderAsync(Context, configure, cancellationToken);

    internal static Task<GrantReaderResult> GrantReaderAsync(OperationContext context, Configure<GrantReaderSettings> configure, CancellationToken cancellationToken) =>
        global::ArtifactRegistry.Grants.GrantReader.RunAsync(context, configure.InvokeSafe(new GrantReaderSettings()), cancellationToken);

    /// <inheritdoc cref="CheckPullAccessAsync"/>
    public static PullAccessResult CheckPullAccess(Configure<CheckPullAccessSettings> configure) =>
        CheckPullAccessAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Whether a member can pull from a repository, and through which binding, as far as the caller may read the policies
    /// (see <see cref="global::ArtifactRegistry.Grants.CheckPullAccess"/>).
    /// </summary>
    public static Task<PullAccessResult> CheckPullAccessAsync(Configure<CheckPullAccessSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Grants.CheckPullAccess.RunAsync(Context, configure.InvokeSafe(new CheckPullAccessSettings()), cancellationToken);
}
