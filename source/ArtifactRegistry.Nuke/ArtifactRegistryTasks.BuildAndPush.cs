using ArtifactRegistry.Context;
using ArtifactRegistry.Publishing;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

public static partial class ArtifactRegistryTasks
{
    private static readonly Lock PushedLock = new();
    private static readonly List<BuildAndPushResult> Pushed = [];

    /// <summary>Every image <see cref="BuildAndPush"/> pushed in this build, in order; later targets deploy them by digest.</summary>
    public static IReadOnlyList<BuildAndPushResult> PushedImages
    {
        get
        {
            lock (PushedLock)
                return Pushed.ToList();
        }
    }

    /// <summary>The image <see cref="BuildAndPush"/> pushed last in this build, or null before any push.</summary>
    public static BuildAndPushResult? PushedImage
    {
        get
        {
            lock (PushedLock)
                return Pushed.LastOrDefault();
        }
    }

    /// <inheritdoc cref="BuildAndPushAsync(Configure{BuildAndPushSettings}, CancellationToken)"/>
    public static BuildAndPushResult BuildAndPush(Configure<BuildAndPushSettings> configure) =>
        BuildAndPushAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Builds the image and pushes it under every tag, returning the one digest they resolve to
    /// (see <see cref="global::ArtifactRegistry.Publishing.BuildAndPush"/>): <c>ArtifactRegistryTasks.BuildAndPush(s =&gt; s.SetImage(…))</c>.
    /// The docker auth session it opens becomes the build's (<see cref="DockerAuth"/>), and the result joins <see cref="PushedImages"/>.
    /// </summary>
    public static Task<BuildAndPushResult> BuildAndPushAsync(Configure<BuildAndPushSettings> configure, CancellationToken cancellationToken = default) =>
        BuildAndPushAsync(Context, configure, cancellationToken);

    internal static async Task<BuildAndPushResult> BuildAndPushAsync(
        OperationContext context, Configure<BuildAndPushSettings> configure, CancellationToken cancellationToken)
    {
        var settings = configure.InvokeSafe(new BuildAndPushSettings()).SetKeepDockerAuthSession(true);
        var result = await global::ArtifactRegistry.Publishing.BuildAndPush.RunAsync(context, settings, cancellationToken).ConfigureAwait(false);
        if (result.DockerAuthSession is { } session)
            Adopt(session);
        lock (PushedLock)
            Pushed.Add(result);
        return result;
    }
}
