using ArtifactRegistry.Cake.Arguments;
using ArtifactRegistry.Cake.Hosting;
using ArtifactRegistry.DockerAuth;
using Cake.Core;
using Cake.Core.Annotations;

namespace ArtifactRegistry.Cake;

public static partial class ArtifactRegistryAliases
{
    /// <summary>
    /// Gives docker credentials for exactly the Artifact Registry hosts of the images and checks access before the build
    /// (replaces <c>gcloud auth configure-docker HOST</c>): <c>EnsureDockerAuth(s =&gt; s.SetImages("asia-docker.pkg.dev/p/repo/app"))</c>;
    /// the arguments <c>--image</c> (repeatable) and <c>--docker-auth-mode</c> are its defaults.
    /// The session becomes this script run's: BuildAndPush and Deploy use it instead of authenticating again. In AccessToken
    /// mode the login lives in a build-scoped docker config, deleted when the script ends; this process's environment is not changed.
    /// </summary>
    [CakeMethodAlias]
    public static EnsureDockerAuthResult EnsureDockerAuth(this ICakeContext context, Func<EnsureDockerAuthSettings, EnsureDockerAuthSettings>? configure = null) =>
        AliasRun.Run(context, nameof(EnsureDockerAuth), async (session, cancellationToken) =>
        {
            var settings = Configured(ArgumentDefaults.EnsureDockerAuth(context.Arguments), configure);
            var result = await global::ArtifactRegistry.DockerAuth.EnsureDockerAuth.RunAsync(session.Context, settings, cancellationToken).ConfigureAwait(false);
            session.Adopt(result.Session);
            return result;
        });
}
