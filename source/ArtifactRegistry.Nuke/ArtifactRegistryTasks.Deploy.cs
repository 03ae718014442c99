using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.Publishing;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

public static partial class ArtifactRegistryTasks
{
    /// <inheritdoc cref="DeployAsync(Configure{DeploySettings}, CancellationToken)"/>
    public static DeployResult Deploy(Configure<DeploySettings> configure) =>
        DeployAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Builds, pushes and rolls out every image, pinned to the digests just pushed (see <see cref="global::ArtifactRegistry.Deploying.Deploy"/>):
    /// <c>ArtifactRegistryTasks.Deploy(s =&gt; s.AddImage("asia-docker.pkg.dev/p/repo/api", "src/api", "deployment/api"))</c>.
    /// A docker auth session an earlier task opened (<see cref="DockerAuth"/>) is used; the pushed images join <see cref="PushedImages"/>.
    /// </summary>
    public static Task<DeployResult> DeployAsync(Configure<DeploySettings> configure, CancellationToken cancellationToken = default) =>
        DeployAsync(Context, configure, cancellationToken);

    internal static async Task<DeployResult> DeployAsync(OperationContext context, Configure<DeploySettings> configure, CancellationToken cancellationToken)
    {
        var settings = configure.InvokeSafe(new DeploySettings());
        if (settings.Build.DockerAuthSession is null && DockerAuth is { } session)
            settings = settings.SetBuild(build => build.SetDockerAuthSession(session));
        var result = await global::ArtifactRegistry.Deploying.Deploy.RunAsync(context, settings, cancellationToken).ConfigureAwait(false);
        lock (PushedLock)
            Pushed.AddRange(result.Pushed);
        return result;
    }
}
