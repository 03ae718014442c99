using ArtifactRegistry.Cake.Hosting;
using ArtifactRegistry.Deploying;
using Cake.Core;
using Cake.Core.Annotations;

namespace ArtifactRegistry.Cake;

public static partial class ArtifactRegistryAliases
{
    /// <summary>
    /// Deploys a digest-pinned image to Kubernetes workloads and watches the rollouts, failing fast with a diagnosis (replaces
    /// <c>kubectl set image … --record</c> and <c>kubectl rollout status</c>): <c>SetImage(s =&gt; s.SetWorkloads("deployment/api").SetNamespace("prod"))</c>.
    /// Without an image it deploys the one <see cref="BuildAndPush"/> pushed last in this script run.
    /// </summary>
    /// <exception cref="CakeException">No image was given and nothing has been pushed in this run.</exception>
    [CakeMethodAlias]
    public static SetImageResult SetImage(this ICakeContext context, Func<SetImageSettings, SetImageSettings> configure) =>
        AliasRun.Run(context, nameof(SetImage), (session, cancellationToken) =>
        {
            ArgumentNullException.ThrowIfNull(configure);
            var settings = configure(new SetImageSettings());
            if (settings.Image is null && session.Pushed.LastOrDefault() is { } pushed)
                settings = settings.SetImage(pushed);
            if (settings.Image is null)
                throw new CakeException(
                    "SetImage has no image: nothing has been pushed in this script run, and none was given. Call BuildAndPush(…) first, " +
                    "or give the image: SetImage(s => s.SetImage(\"IMAGE:TAG\")) (a tag is resolved to its digest) or \"IMAGE:TAG@sha256:…\".");
            return global::ArtifactRegistry.Deploying.SetImage.RunAsync(session.Context, settings, cancellationToken);
        });
}
