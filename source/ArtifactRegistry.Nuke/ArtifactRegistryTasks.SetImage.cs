using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

public static partial class ArtifactRegistryTasks
{
    /// <inheritdoc cref="SetImageAsync(Configure{SetImageSettings}, CancellationToken)"/>
    public static SetImageResult SetImage(Configure<SetImageSettings> configure) =>
        SetImageAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Deploys a digest-pinned image to Kubernetes workloads and watches the rollouts, failing fast with a diagnosis
    /// (see <see cref="global::ArtifactRegistry.Deploying.SetImage"/>): <c>ArtifactRegistryTasks.SetImage(s =&gt; s.SetWorkloads("deployment/api"))</c>.
    /// Without an image it deploys the one <see cref="BuildAndPush"/> pushed last in this build.
    /// </summary>
    /// <exception cref="InvalidOperationException">No image was given and nothing has been pushed in this build.</exception>
    public static Task<SetImageResult> SetImageAsync(Configure<SetImageSettings> configure, CancellationToken cancellationToken = default) =>
        SetImageAsync(Context, configure, cancellationToken);

    internal static Task<SetImageResult> SetImageAsync(OperationContext context, Configure<SetImageSettings> configure, CancellationToken cancellationToken)
    {
        var settings = configure.InvokeSafe(new SetImageSettings());
        if (settings.Image is null && PushedImage is { } pushed)
            settings = settings.SetImage(pushed);
        if (settings.Image is null)
            throw new InvalidOperationException(
                "SetImage has no image: nothing has been pushed in this build, and none was given. Run BuildAndPush first " +
                "(.DependsOn<IArtifactRegistryBuildAndPush>(x => x.BuildAndPush)), or give the image (NUKE: --deploy-image IMAGE:TAG@sha256:…; SetImage(\"…\")).");
        return global::ArtifactRegistry.Deploying.SetImage.RunAsync(context, settings, cancellationToken);
    }
}
