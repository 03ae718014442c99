using ArtifactRegistry.Cake.Arguments;
using ArtifactRegistry.Cake.Hosting;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.Hints;
using Cake.Core;
using Cake.Core.Annotations;

namespace ArtifactRegistry.Cake;

public static partial class ArtifactRegistryAliases
{
    /// <summary>
    /// Deploys a digest-pinned image to Kubernetes workloads and watches the rollouts, failing fast with a diagnosis (replaces
    /// <c>kubectl set image … --record</c> and <c>kubectl rollout status</c>): <c>SetImage(s =&gt; s.SetWorkloads("deployment/api").SetNamespace("prod"))</c>.
    /// The image is, unless the lambda sets one, the one <see cref="BuildAndPush"/> pushed last in this script run, else
    /// <c>--image</c> (<c>IMAGE:TAG</c> is resolved to its digest); <c>--workloads</c>, <c>--kube-namespace</c>, <c>--container</c>,
    /// <c>--rollout-timeout</c> and <c>--rollback-on-failure</c> are its defaults.
    /// </summary>
    /// <exception cref="SettingsException">No image: none given, and nothing pushed in this run.</exception>
    [CakeMethodAlias]
    public static SetImageResult SetImage(this ICakeContext context, Func<SetImageSettings, SetImageSettings>? configure = null) =>
        AliasRun.Run(context, nameof(SetImage), (session, cancellationToken) =>
        {
            var settings = Configured(ArgumentDefaults.SetImage(context.Arguments, session.Pushed.LastOrDefault()), configure);
            if (settings.Image is null)
            {
                var image = SettingNames.DeployImage.With("\"IMAGE:TAG\"");
                throw new SettingsException(
                    $"SetImage has no image: nothing has been pushed in this script run, and none was given. Call BuildAndPush() first, or give the image: {image}.", image);
            }
            return global::ArtifactRegistry.Deploying.SetImage.RunAsync(session.Context, settings, cancellationToken);
        });
}
