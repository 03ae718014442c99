using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Nuke.Logging;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

/// <summary>NUKE-style tasks for Artifact Registry, usable from any C# build: <c>ArtifactRegistryTasks.EnsureDockerAuth(s =&gt; s.SetImages(…))</c>.</summary>
public static partial class ArtifactRegistryTasks
{
    private static readonly Lock SessionLock = new();
    private static DockerAuthSession? _dockerAuth;

    /// <summary>
    /// The docker auth of this build, set by <see cref="EnsureDockerAuth"/>: later steps call <see cref="DockerAuthSession.EnsureFreshAsync"/>
    /// before a push and run docker with <see cref="DockerAuthSession.DockerEnvironment"/>.
    /// </summary>
    public static DockerAuthSession? DockerAuth
    {
        get
        {
            lock (SessionLock)
                return _dockerAuth;
        }
    }

    /// <inheritdoc cref="EnsureDockerAuthAsync"/>
    public static EnsureDockerAuthResult EnsureDockerAuth(Configure<EnsureDockerAuthSettings> configure) =>
        EnsureDockerAuthAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Gives docker credentials for exactly the Artifact Registry hosts of the images and checks access before the build
    /// (see <see cref="global::ArtifactRegistry.DockerAuth.EnsureDockerAuth"/>). In AccessToken mode, <c>DOCKER_CONFIG</c> of this build process is
    /// pointed at the build-scoped login, so every later docker command of the build uses it; it is deleted when the build exits.
    /// </summary>
    public static async Task<EnsureDockerAuthResult> EnsureDockerAuthAsync(Configure<EnsureDockerAuthSettings> configure, CancellationToken cancellationToken = default)
    {
        var settings = configure.InvokeSafe(new EnsureDockerAuthSettings().SetLogger(SerilogBridge.Instance));
        var result = await global::ArtifactRegistry.DockerAuth.EnsureDockerAuth.RunAsync(settings, cancellationToken).ConfigureAwait(false);
        Adopt(result.Session);
        return result;
    }

    private static void Adopt(DockerAuthSession session)
    {
        lock (SessionLock)
        {
            if (ReferenceEquals(_dockerAuth, session))
                return;
            _dockerAuth?.Dispose();
            _dockerAuth = session;
        }
        if (session.Mode == DockerAuthMode.AccessToken)
        {
            Environment.SetEnvironmentVariable(Docker.DockerConfigFile.DirectoryVariable, session.DockerConfigDirectory);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => session.Dispose();
        }
    }
}
