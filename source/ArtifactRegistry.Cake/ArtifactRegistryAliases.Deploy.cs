using ArtifactRegistry.Cake.Arguments;
using ArtifactRegistry.Cake.Hosting;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.Publishing;
using Cake.Core;
using Cake.Core.Annotations;

namespace ArtifactRegistry.Cake;

public static partial class ArtifactRegistryAliases
{
    /// <summary>
    /// The seed deploy script as one step: EnsureDockerAuth, BuildAndPush of every image, then SetImage of every workload pinned
    /// to the digests just pushed, watched, and a summary table:
    /// <c>Deploy(s =&gt; s.AddImage("asia-docker.pkg.dev/p/repo/api", "src/api", "deployment/api").SetRollout(r =&gt; r.SetNamespace("prod")))</c>.
    /// Without images from the lambda it deploys <c>--image</c> from <c>--docker-context</c> to <c>--workloads</c>; the arguments
    /// of BuildAndPush and SetImage (<c>--image-tags</c>, <c>--kube-namespace</c>, <c>--rollout-timeout</c>…) and <c>--reader-member</c>
    /// apply to every image. It uses the docker auth session of an earlier step of this run, if any.
    /// </summary>
    [CakeMethodAlias]
    public static DeployResult Deploy(this ICakeContext context, Func<DeploySettings, DeploySettings>? configure = null) =>
        AliasRun.Run(context, nameof(Deploy), async (session, cancellationToken) =>
        {
            var settings = Configured(ArgumentDefaults.Deploy(context.Arguments), configure);
            settings = ArgumentDefaults.DeployImageUnlessGiven(settings, context.Arguments);
            if (settings.Build.DockerAuthSession is null && session.DockerAuth is { } auth)
                settings = settings.SetBuild(build => build.SetDockerAuthSession(auth));
            var result = await global::ArtifactRegistry.Deploying.Deploy.RunAsync(session.Context, settings, cancellationToken).ConfigureAwait(false);
            session.AddPushed(result.Pushed);
            return result;
        });
}
