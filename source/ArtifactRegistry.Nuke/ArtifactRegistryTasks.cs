using ArtifactRegistry.Context;
using ArtifactRegistry.Deletion;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Grants;
using ArtifactRegistry.Nuke.Logging;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Pruning;
using ArtifactRegistry.Tagging;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// NUKE-style tasks for Artifact Registry, usable from any C# build: <c>ArtifactRegistryTasks.TagList(s =&gt; s.SetImage(…))</c>.
/// Each call stands alone, on this process's environment with NUKE's log, and keeps nothing: steps that share a docker auth
/// session, pushed images or a context go through a build's <see cref="ArtifactRegistryBuild"/> instead
/// (in a component: <c>ArtifactRegistryBuild.BuildAndPushAsync(…)</c>).
/// </summary>
public static class ArtifactRegistryTasks
{
    /// <inheritdoc cref="EnsureDockerAuthAsync"/>
    public static EnsureDockerAuthResult EnsureDockerAuth(Configure<EnsureDockerAuthSettings> configure) => EnsureDockerAuthAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Gives docker credentials for exactly the Artifact Registry hosts of the images and checks access (see <see cref="global::ArtifactRegistry.DockerAuth.EnsureDockerAuth"/>).
    /// The caller owns the result's session: docker commands run with its <see cref="DockerAuthSession.DockerEnvironment"/>, and disposing it deletes a build-scoped login.
    /// </summary>
    public static Task<EnsureDockerAuthResult> EnsureDockerAuthAsync(Configure<EnsureDockerAuthSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.DockerAuth.EnsureDockerAuth.RunAsync(NukeContext(), configure.InvokeSafe(new EnsureDockerAuthSettings()), cancellationToken);

    /// <inheritdoc cref="BuildAndPushAsync"/>
    public static BuildAndPushResult BuildAndPush(Configure<BuildAndPushSettings> configure) => BuildAndPushAsync(configure).GetAwaiter().GetResult();

    /// <summary>Builds the image and pushes it under every tag, returning the one digest they resolve to (see <see cref="global::ArtifactRegistry.Publishing.BuildAndPush"/>).</summary>
    public static Task<BuildAndPushResult> BuildAndPushAsync(Configure<BuildAndPushSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Publishing.BuildAndPush.RunAsync(NukeContext(), configure.InvokeSafe(new BuildAndPushSettings()), cancellationToken);

    /// <inheritdoc cref="SetImageAsync"/>
    public static SetImageResult SetImage(Configure<SetImageSettings> configure) => SetImageAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Deploys a digest-pinned image to Kubernetes workloads and watches the rollouts (see <see cref="global::ArtifactRegistry.Deploying.SetImage"/>):
    /// <c>ArtifactRegistryTasks.SetImage(s =&gt; s.SetImage(pushed).SetWorkloads("deployment/api"))</c>.
    /// </summary>
    public static Task<SetImageResult> SetImageAsync(Configure<SetImageSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Deploying.SetImage.RunAsync(NukeContext(), configure.InvokeSafe(new SetImageSettings()), cancellationToken);

    /// <inheritdoc cref="DeployAsync"/>
    public static DeployResult Deploy(Configure<DeploySettings> configure) => DeployAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Builds, pushes and rolls out every image, pinned to the digests just pushed (see <see cref="global::ArtifactRegistry.Deploying.Deploy"/>):
    /// <c>ArtifactRegistryTasks.Deploy(s =&gt; s.AddImage("asia-docker.pkg.dev/p/repo/api", "src/api", "deployment/api"))</c>.
    /// </summary>
    public static Task<DeployResult> DeployAsync(Configure<DeploySettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Deploying.Deploy.RunAsync(NukeContext(), configure.InvokeSafe(new DeploySettings()), cancellationToken);

    /// <inheritdoc cref="GrantReaderAsync"/>
    public static GrantReaderResult GrantReader(Configure<GrantReaderSettings> configure) => GrantReaderAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Lets a member (a GKE node pool's service account, typically) pull from a repository; idempotent (see <see cref="global::ArtifactRegistry.Grants.GrantReader"/>):
    /// <c>ArtifactRegistryTasks.GrantReader(s =&gt; s.SetRepository("asia-docker.pkg.dev/p/repo").SetMember("serviceAccount:nodes@cluster-project.iam.gserviceaccount.com"))</c>.
    /// </summary>
    public static Task<GrantReaderResult> GrantReaderAsync(Configure<GrantReaderSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Grants.GrantReader.RunAsync(NukeContext(), configure.InvokeSafe(new GrantReaderSettings()), cancellationToken);

    /// <inheritdoc cref="CheckPullAccessAsync"/>
    public static PullAccessResult CheckPullAccess(Configure<CheckPullAccessSettings> configure) => CheckPullAccessAsync(configure).GetAwaiter().GetResult();

    /// <summary>Whether a member can pull from a repository, and through which binding (see <see cref="global::ArtifactRegistry.Grants.CheckPullAccess"/>).</summary>
    public static Task<PullAccessResult> CheckPullAccessAsync(Configure<CheckPullAccessSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Grants.CheckPullAccess.RunAsync(NukeContext(), configure.InvokeSafe(new CheckPullAccessSettings()), cancellationToken);

    /// <inheritdoc cref="PruneUntaggedAsync"/>
    public static PruneUntaggedResult PruneUntagged(Configure<PruneUntaggedSettings> configure) => PruneUntaggedAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Deletes what the prune policy selects, untagged versions only by default, within the delete quota (see <see cref="global::ArtifactRegistry.Pruning.PruneUntagged"/>):
    /// <c>ArtifactRegistryTasks.PruneUntagged(s =&gt; s.SetRepositories("asia-docker.pkg.dev/p/repo").SetOlderThan(TimeSpan.FromDays(7)))</c>.
    /// </summary>
    public static Task<PruneUntaggedResult> PruneUntaggedAsync(Configure<PruneUntaggedSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Pruning.PruneUntagged.RunAsync(NukeContext(), configure.InvokeSafe(new PruneUntaggedSettings()), cancellationToken);

    /// <inheritdoc cref="TagAddAsync"/>
    public static TagAddResult TagAdd(Configure<TagAddSettings> configure) => TagAddAsync(configure).GetAwaiter().GetResult();

    /// <summary>Points tags at an image, creating or moving them (see <see cref="global::ArtifactRegistry.Tagging.TagAdd"/>): <c>ArtifactRegistryTasks.TagAdd(s =&gt; s.SetSource("…/app:3f2c1ab").SetTags("stable"))</c>.</summary>
    public static Task<TagAddResult> TagAddAsync(Configure<TagAddSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Tagging.TagAdd.RunAsync(NukeContext(), configure.InvokeSafe(new TagAddSettings()), cancellationToken);

    /// <inheritdoc cref="TagListAsync"/>
    public static IReadOnlyList<TagListing> TagList(Configure<TagListSettings> configure) => TagListAsync(configure).GetAwaiter().GetResult();

    /// <summary>Every tag of an image with its digest and upload time: <c>ArtifactRegistryTasks.TagList(s =&gt; s.SetImage("…/app"))</c>.</summary>
    public static Task<IReadOnlyList<TagListing>> TagListAsync(Configure<TagListSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Tagging.TagList.RunAsync(NukeContext(), configure.InvokeSafe(new TagListSettings()), cancellationToken);

    /// <inheritdoc cref="TagDeleteAsync"/>
    public static TagDeleteResult TagDelete(Configure<TagDeleteSettings> configure) => TagDeleteAsync(configure).GetAwaiter().GetResult();

    /// <summary>Deletes one tag, never its image: <c>ArtifactRegistryTasks.TagDelete(s =&gt; s.SetImage("…/app:pr-7"))</c>.</summary>
    public static Task<TagDeleteResult> TagDeleteAsync(Configure<TagDeleteSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Tagging.TagDelete.RunAsync(NukeContext(), configure.InvokeSafe(new TagDeleteSettings()), cancellationToken);

    /// <inheritdoc cref="DeleteImageAsync"/>
    public static DeleteImageResult DeleteImage(Configure<DeleteImageSettings> configure) => DeleteImageAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Deletes one image by digest, or the one a tag points at (see <see cref="global::ArtifactRegistry.Deletion.DeleteImage"/>); a bare name is refused:
    /// <c>ArtifactRegistryTasks.DeleteImage(s =&gt; s.SetImage("…/app@sha256:…"))</c>.
    /// </summary>
    public static Task<DeleteImageResult> DeleteImageAsync(Configure<DeleteImageSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Deletion.DeleteImage.RunAsync(NukeContext(), configure.InvokeSafe(new DeleteImageSettings()), cancellationToken);

    private static OperationContext NukeContext() => OperationContext.Default.SetLogger(SerilogBridge.Instance);
}
