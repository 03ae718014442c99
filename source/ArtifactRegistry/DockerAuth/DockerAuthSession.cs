using ArtifactRegistry.Auth;
using ArtifactRegistry.Docker;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.DockerAuth;

/// <summary>
/// What later docker steps of the same build need: the docker config directory to use, and (in AccessToken mode) a login
/// renewed before a push that would start with less than a fifth of the token's lifetime left.
/// Dispose it when the build ends: a build-scoped config directory, and the token in it, are deleted (at the latest when
/// the process exits, should nobody dispose it).
/// </summary>
public sealed class DockerAuthSession : IAsyncDisposable, IDisposable
{
    private readonly DockerLogin? _login;
    private readonly IReadOnlyList<string> _loginHosts;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _ownsDirectory;
    private readonly SemaphoreSlim _gate = new(1, 1);

    internal DockerAuthSession(
        DockerAuthMode mode, string dockerConfigDirectory, bool ownsDirectory, IAccessTokenSource tokens,
        DockerLogin? login, IReadOnlyList<string> loginHosts, AccessToken? loggedInToken, TimeProvider time, ILogger logger)
    {
        Mode = mode;
        DockerConfigDirectory = dockerConfigDirectory;
        _ownsDirectory = ownsDirectory;
        Tokens = tokens;
        _login = login;
        _loginHosts = loginHosts;
        LoggedInToken = loggedInToken;
        _time = time;
        _logger = logger;
        if (ownsDirectory)
            AppDomain.CurrentDomain.ProcessExit += DeleteOnExit;
    }

    /// <summary>The mode in effect (never <see cref="DockerAuthMode.Auto"/>).</summary>
    public DockerAuthMode Mode { get; }

    /// <summary>The <c>DOCKER_CONFIG</c> every later docker command of the build must use.</summary>
    public string DockerConfigDirectory { get; }

    /// <summary>The credentials the REST calls use: the same as docker's.</summary>
    public IAccessTokenSource Tokens { get; }

    /// <summary>The token docker is logged in with (AccessToken mode).</summary>
    public AccessToken? LoggedInToken { get; private set; }

    /// <summary>How many times the login was renewed.</summary>
    public int Renewals { get; private set; }

    /// <summary>The variables to give docker: <c>DOCKER_CONFIG</c>.</summary>
    public IReadOnlyDictionary<string, string> DockerEnvironment =>
        new Dictionary<string, string> { [DockerConfigFile.DirectoryVariable] = DockerConfigDirectory };

    /// <summary>
    /// Call before each push: in AccessToken mode, logs docker in again with a fresh token once less than a fifth of the
    /// current one's lifetime remains (1 h tokens after 48 min, 10 min federation tokens after 8). Otherwise does nothing.
    /// </summary>
    public async Task EnsureFreshAsync(CancellationToken cancellationToken = default)
    {
        if (_login is null || LoggedInToken is null || !LoggedInToken.IsDueForRefresh(_time.GetUtcNow()))
            return;

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!LoggedInToken.IsDueForRefresh(_time.GetUtcNow()))
                return;
            var token = await Tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            foreach (var host in _loginHosts)
                await _login.LoginAsync(host, token, DockerConfigDirectory, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("EnsureDockerAuth: renewed the docker login for {Hosts} (token expires {Expires:HH:mm:ss})", string.Join(", ", _loginHosts), token.ExpiresAt);
            LoggedInToken = token;
            Renewals++;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Deletes the build-scoped docker config directory (AccessToken mode), and the token in it; does nothing for a shared one.</summary>
    public void Dispose()
    {
        if (!_ownsDirectory)
            return;
        AppDomain.CurrentDomain.ProcessExit -= DeleteOnExit;
        if (Directory.Exists(DockerConfigDirectory))
            Directory.Delete(DockerConfigDirectory, recursive: true);
    }

    private void DeleteOnExit(object? sender, EventArgs e) => Dispose();
}
