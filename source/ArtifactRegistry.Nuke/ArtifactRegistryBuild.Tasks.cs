using ArtifactRegistry.Context;
using ArtifactRegistry.Deletion;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Grants;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Pruning;
using ArtifactRegistry.Tagging;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

public sealed partial class ArtifactRegistryBuild
{
    /// <summary>
    /// Gives docker credentials for exactly the Artifact Registry hosts of the images and checks access before the build
    /// (see <see cref="global::ArtifactRegistry.DockerAuth.EnsureDockerAuth"/>); the session becomes this build's <see cref="DockerAuth"/>.
    /// </summary>
    public Task<EnsureDockerAuthResult> EnsureDockerAuthAsync(Configure<EnsureDockerAuthSettings> configure, CancellationToken cancellationToken = default) =>
        EnsureDockerAuthAsync(Context, configure, cancellationToken);

    internal async Task<EnsureDockerAuthResult> EnsureDockerAuthAsync(OperationContext context, Configure<EnsureDockerAuthSettings> configure, CancellationToken cancellationToken)
    {
        var result = await RecordAsync(context, "EnsureDockerAuth", () =>
            global::ArtifactRegistry.DockerAuth.EnsureDockerAuth.RunAsync(context, configure.InvokeSafe(new EnsureDockerAuthSettings()), cancellationToken)).ConfigureAwait(false);
        Adopt(result.Session);
        return result;
    }

    /// <summary>
    /// Builds the image and pushes it under every tag (see <see cref="global::ArtifactRegistry.Publishing.BuildAndPush"/>), with this
    /// build's docker auth session when it has one, else with a new one that becomes the build's; the result joins <see cref="PushedImages"/>.
    /// </summary>
    public Task<BuildAndPushResult> BuildAndPushAsync(Configure<BuildAndPushSettings> configure, CancellationToken cancellationToken = default) =>
        BuildAndPushAsync(Context, configure, cancellationToken);

    internal async Task<BuildAndPushResult> BuildAndPushAsync(OperationContext context, Configure<BuildAndPushSettings> configure, CancellationToken cancellationToken)
    {
        var settings = configure.InvokeSafe(new BuildAndPushSettings());
        settings = settings.DockerAuthSession is null && DockerAuth is { } session
            ? settings.SetDockerAuthSession(session)
            : settings.SetKeepDockerAuthSession(true);
        var result = await RecordAsync(context, "BuildAndPush", () => global::ArtifactRegistry.Publishing.BuildAndPush.RunAsync(context, settings, cancellationToken)).ConfigureAwait(false);
        if (result.DockerAuthSession is { } opened)
            Adopt(opened);
        AddPushed([result]);
        return result;
    }

    /// <summary>
    /// Deploys a digest-pinned image to Kubernetes workloads and watches the rollouts (see <see cref="global::ArtifactRegistry.Deploying.SetImage"/>);
    /// without an image it deploys the one pushed last in this build.
    /// </summary>
    public Task<SetImageResult> SetImageAsync(Configure<SetImageSettings> configure, CancellationToken cancellationToken = default) =>
        SetImageAsync(Context, configure, fallbackImage: null, cancellationToken);

    internal Task<SetImageResult> SetImageAsync(OperationContext context, Configure<SetImageSettings> configure, string? fallbackImage, CancellationToken cancellationToken)
    {
        var settings = configure.InvokeSafe(new SetImageSettings());
        if (settings.Image is null && PushedImage is { } pushed)
            settings = settings.SetImage(pushed);
        if (settings.Image is null && fallbackImage is not null)
            settings = settings.SetImage(fallbackImage);
        return RecordAsync(context, "SetImage", () => global::ArtifactRegistry.Deploying.SetImage.RunAsync(context, settings, cancellationToken));
    }

    /// <summary>
    /// Builds, pushes and rolls out every image, pinned to the digests just pushed (see <see cref="global::ArtifactRegistry.Deploying.Deploy"/>),
    /// with this build's docker auth session when it has one; the pushed images join <see cref="PushedImages"/>.
    /// </summary>
    public Task<DeployResult> DeployAsync(Configure<DeploySettings> configure, CancellationToken cancellationToken = default) =>
        DeployAsync(Context, configure, cancellationToken);

    internal async Task<DeployResult> DeployAsync(OperationContext context, Configure<DeploySettings> configure, CancellationToken cancellationToken)
    {
        var settings = configure.InvokeSafe(new DeploySettings());
        if (settings.Build.DockerAuthSession is null && DockerAuth is { } session)
            settings = settings.SetBuild(build => build.SetDockerAuthSession(session));
        var result = await RecordAsync(context, "Deploy", () => global::ArtifactRegistry.Deploying.Deploy.RunAsync(context, settings, cancellationToken)).ConfigureAwait(false);
        AddPushed(result.Pushed);
        return result;
    }

    /// <summary>Lets a member pull from a repository; idempotent (see <see cref="global::ArtifactRegistry.Grants.GrantReader"/>).</summary>
    public Task<GrantReaderResult> GrantReaderAsync(Configure<GrantReaderSettings> configure, CancellationToken cancellationToken = default) =>
        GrantReaderAsync(Context, configure, cancellationToken);

    internal Task<GrantReaderResult> GrantReaderAsync(OperationContext context, Configure<GrantReaderSettings> configure, CancellationToken cancellationToken) =>
        RecordAsync(context, "GrantReader", () => global::ArtifactRegistry.Grants.GrantReader.RunAsync(context, configure.InvokeSafe(new GrantReaderSettings()), cancellationToken));

    /// <summary>Whether a member can pull from a repository, and through which binding (see <see cref="global::ArtifactRegistry.Grants.CheckPullAccess"/>).</summary>
    public Task<PullAccessResult> CheckPullAccessAsync(Configure<CheckPullAccessSettings> configure, CancellationToken cancellationToken = default) =>
        CheckPullAccessAsync(Context, configure, cancellationToken);

    internal Task<PullAccessResult> CheckPullAccessAsync(OperationContext context, Configure<CheckPullAccessSettings> configure, CancellationToken cancellationToken) =>
        RecordAsync(context, "CheckPullAccess", () => global::ArtifactRegistry.Grants.CheckPullAccess.RunAsync(context, configure.InvokeSafe(new CheckPullAccessSettings()), cancellationToken));

    /// <summary>Deletes what the prune policy selects, untagged versions only by default (see <see cref="global::ArtifactRegistry.Pruning.PruneUntagged"/>).</summary>
    public Task<PruneUntaggedResult> PruneUntaggedAsync(Configure<PruneUntaggedSettings> configure, CancellationToken cancellationToken = default) =>
        PruneUntaggedAsync(Context, configure, cancellationToken);

    internal Task<PruneUntaggedResult> PruneUntaggedAsync(OperationContext context, Configure<PruneUntaggedSettings> configure, CancellationToken cancellationToken) =>
        RecordAsync(context, "PruneUntagged", () => global::ArtifactRegistry.Pruning.PruneUntagged.RunAsync(context, configure.InvokeSafe(new PruneUntaggedSettings()), cancellationToken));

    /// <summary>Points tags at an image, creating or moving them (see <see cref="global::ArtifactRegistry.Tagging.TagAdd"/>).</summary>
    public Task<TagAddResult> TagAddAsync(Configure<TagAddSettings> configure, CancellationToken cancellationToken = default) =>
        TagAddAsync(Context, configure, cancellationToken);

    internal Task<TagAddResult> TagAddAsync(OperationContext context, Configure<TagAddSettings> configure, CancellationToken cancellationToken) =>
        RecordAsync(context, "TagAdd", () => global::ArtifactRegistry.Tagging.TagAdd.RunAsync(context, configure.InvokeSafe(new TagAddSettings()), cancellationToken));

    /// <summary>Every tag of an image with its digest and upload time (see <see cref="global::ArtifactRegistry.Tagging.TagList"/>).</summary>
    public Task<IReadOnlyList<TagListing>> TagListAsync(Configure<TagListSettings> configure, CancellationToken cancellationToken = default) =>
        TagListAsync(Context, configure, cancellationToken);

    internal Task<IReadOnlyList<TagListing>> TagListAsync(OperationContext context, Configure<TagListSettings> configure, CancellationToken cancellationToken) =>
        RecordAsync(context, "TagList", () => global::ArtifactRegistry.Tagging.TagList.RunAsync(context, configure.InvokeSafe(new TagListSettings()), cancellationToken));

    /// <summary>Deletes one tag, never its image (see <see cref="global::ArtifactRegistry.Tagging.TagDelete"/>).</summary>
    public Task<TagDeleteResult> TagDeleteAsync(Configure<TagDeleteSettings> configure, CancellationToken cancellationToken = default) =>
        TagDeleteAsync(Context, configure, cancellationToken);

    internal Task<TagDeleteResult> TagDeleteAsync(OperationContext context, Configure<TagDeleteSettings> configure, CancellationToken cancellationToken) =>
        RecordAsync(context, "TagDelete", () => global::ArtifactRegistry.Tagging.TagDelete.RunAsync(context, configure.InvokeSafe(new TagDeleteSettings()), cancellationToken));

    /// <summary>Deletes one image by digest, or the one a tag points at; a bare name is refused (see <see cref="global::ArtifactRegistry.Deletion.DeleteImage"/>).</summary>
    public Task<DeleteImageResult> DeleteImageAsync(Configure<DeleteImageSettings> configure, CancellationToken cancellationToken = default) =>
        RecordAsync(Context, "DeleteImage", () => global::ArtifactRegistry.Deletion.DeleteImage.RunAsync(Context, configure.InvokeSafe(new DeleteImageSettings()), cancellationToken));
}
