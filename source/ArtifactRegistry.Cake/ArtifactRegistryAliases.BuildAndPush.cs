using ArtifactRegistry.Cake.Arguments;
using ArtifactRegistry.Cake.Hosting;
using ArtifactRegistry.Publishing;
using Cake.Core;
using Cake.Core.Annotations;

namespace ArtifactRegistry.Cake;

public static partial class ArtifactRegistryAliases
{
    /// <summary>
    /// Builds the image and pushes it under every tag, returning the one digest they resolve to (replaces <c>docker build</c>,
    /// <c>docker tag</c>, <c>docker push</c>): <c>BuildAndPush(s =&gt; s.SetImage("asia-docker.pkg.dev/p/repo/app").SetContextDirectory("src/app"))</c>;
    /// the arguments <c>--image</c>, <c>--image-tags</c>, <c>--docker-context</c>, <c>--dockerfile</c> and <c>--docker-auth-mode</c> are its defaults.
    /// It uses the docker auth session of an earlier step of this run, or opens one that later steps use.
    /// </summary>
    /// <returns>The pushed image (<c>result.Image</c> is <c>IMAGE:TAG@sha256:…</c>), which a later <see cref="SetImage"/> deploys by default.</returns>
    [CakeMethodAlias]
    public static BuildAndPushResult BuildAndPush(this ICakeContext context, Func<BuildAndPushSettings, BuildAndPushSettings>? configure = null) =>
        AliasRun.Run(context, nameof(BuildAndPush), async (session, cancellationToken) =>
        {
            var settings = Configured(ArgumentDefaults.BuildAndPush(context.Arguments), configure);
            settings = settings.DockerAuthSession is null && session.DockerAuth is { } auth
                ? settings.SetDockerAuthSession(auth)
                : settings.SetKeepDockerAuthSession(true);
            var result = await global::ArtifactRegistry.Publishing.BuildAndPush.RunAsync(session.Context, settings, cancellationToken).ConfigureAwait(false);
            session.Adopt(result.DockerAuthSession);
            session.AddPushed([result]);
            return result;
        });
}
