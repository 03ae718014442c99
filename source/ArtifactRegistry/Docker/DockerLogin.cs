using System.Collections.Immutable;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Processes;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Docker;

/// <summary>
/// <c>docker login -u oauth2accesstoken --password-stdin HOST</c> into a given docker config directory: the token travels on
/// standard input only, never in argv, the environment or a log line.
/// </summary>
internal sealed class DockerLogin
{
    /// <summary>The username Artifact Registry expects with an OAuth access token as password.</summary>
    public const string AccessTokenUsername = "oauth2accesstoken";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly IProcessRunner _runner;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly ILogger? _logger;

    public DockerLogin(IProcessRunner runner, IReadOnlyDictionary<string, string?>? environment = null, ILogger? logger = null)
    {
        _runner = runner;
        _environment = environment ?? new Dictionary<string, string?>();
        _logger = logger;
    }

    /// <summary>Logs docker in to <paramref name="host"/> (the host docker talks to) with <paramref name="token"/>, storing the credentials in <paramref name="dockerConfigDirectory"/>.</summary>
    /// <exception cref="DockerRegistryAccessException">docker printed one of Artifact Registry's refusals (explained).</exception>
    /// <exception cref="DockerLoginException">The registry refused the token, or docker could not reach it.</exception>
    public async Task LoginAsync(string host, AccessToken token, string dockerConfigDirectory, CancellationToken cancellationToken = default)
    {
        var docker = new DockerClient { Environment = ImmutableDictionary.CreateRange(_environment), ConfigDirectory = dockerConfigDirectory };
        var command = docker
            .Command(arguments => arguments.Add(["login", "--username", AccessTokenUsername, "--password-stdin", ServerAddress(host)]))
            .WithStandardInput(StandardInput.FromSecret(token.Value))
            .WithValidation(ProcessValidation.None)
            .WithTimeout(Timeout)
            .WithLogger(_logger)
            .WithOutputLogLevel(LogLevel.Debug, LogLevel.Debug);

        var result = await _runner.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
            return;

        var output = result.StandardError + "\n" + result.StandardOutput;
        throw (Exception?)DockerRegistryErrors.TryExplain(output, new DockerErrorContext { CanonicalHost = host })
              ?? new DockerLoginException(host, result.ExitCode, output.Trim(), refused: output.Contains("unauthorized", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Google's hosts are addressed over https explicitly; a local stand-in (127.0.0.1:PORT) by host so docker may use plain HTTP.</summary>
    private static string ServerAddress(string host) =>
        host.StartsWith("127.", StringComparison.Ordinal) || host.StartsWith("localhost", StringComparison.Ordinal) || host.StartsWith("[::1]", StringComparison.Ordinal)
            ? host
            : $"https://{host}";
}
