using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.DockerAuth;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

/// <summary>NUKE-style tasks for Artifact Registry, usable from any C# build: <c>ArtifactRegistryTasks.EnsureDockerAuth(s =&gt; s.SetImages(…))</c>.</summary>
public static partial class ArtifactRegistryTasks
{
    private static readonly Lock SessionLock = new();
    private static DockerAuthSession? _dockerAuth;
    private static string? _dockerConfigBeforeLogin;

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

    /// <inheritdoc cref="EnsureDockerAuthAsync(Configure{EnsureDockerAuthSettings}, CancellationToken)"/>
    public static EnsureDockerAuthResult EnsureDockerAuth(Configure<EnsureDockerAuthSettings> configure) =>
        EnsureDockerAuthAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Gives docker credentials for exactly the Artifact Registry hosts of the images and checks access before the build
    /// (see <see cref="global::ArtifactRegistry.DockerAuth.EnsureDockerAuth"/>). In AccessToken mode, <c>DOCKER_CONFIG</c> of this build process is
    /// pointed at the build-scoped login, so every later docker command of the build uses it; it is deleted when the build exits.
    /// </summary>
    public static Task<EnsureDockerAuthResult> EnsureDockerAuthAsync(Configure<EnsureDockerAuthSettings> configure, CancellationToken cancellationToken = default) =>
        EnsureDockerAuthAsync(Context, configure, cancellationToken);

    internal static async Task<EnsureDockerAuthResult> EnsureDockerAuthAsync(
        OperationContext context, Configure<EnsureDockerAuthSettings> configure, CancellationToken cancellationToken)
    {
        var settings = configure.InvokeSafe(new EnsureDockerAuthSettings());
        var result = await global::ArtifactRegistry.DockerAuth.EnsureDockerAuth.RunAsync(UserDockerConfig(context), settings, cancellationToken).ConfigureAwait(false);
        Adopt(result.Session);
        return result;
    }

    /// <summary>
    /// After an AccessToken run this process's <c>DOCKER_CONFIG</c> names that run's build-scoped login, which is deleted when the
    /// session is replaced: a further run must read (and in CredentialHelper mode, configure) the user's docker config instead.
    /// </summary>
    private static OperationContext UserDockerConfig(OperationContext context)
    {
        lock (SessionLock)
            return _dockerAuth is { Mode: DockerAuthMode.AccessToken }
                ? context.SetEnvironmentVariable(DockerConfigFile.DirectoryVariable, _dockerConfigBeforeLogin)
                : context;
    }

    private static void Adopt(DockerAuthSession session)
    {
        lock (SessionLock)
        {
            if (ReferenceEquals(_dockerAuth, session))
                return;
            var previous = _dockerAuth;
            previous?.Dispose();
            _dockerAuth = session;

            var wasLoggedIn = previous is { Mode: DockerAuthMode.AccessToken };
            if (session.Mode == DockerAuthMode.AccessToken)
            {
                if (!wasLoggedIn)
                    _dockerConfigBeforeLogin = Environment.GetEnvironmentVariable(DockerConfigFile.DirectoryVariable);
                Environment.SetEnvironmentVariable(DockerConfigFile.DirectoryVariable, session.DockerConfigDirectory);
            }
            else if (wasLoggedIn)
                Environment.SetEnvironmentVariable(DockerConfigFile.DirectoryVariable, _dockerConfigBeforeLogin);
        }
    }
}
