using System.Text.Json;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Processes;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Docker;

/// <summary>
/// A docker credential helper (<c>docker-credential-NAME</c>) asked exactly as docker asks it: <c>get</c> with the registry
/// host on standard input. The answer is what docker will send to the registry, so its token is the one to prove access with.
/// </summary>
internal sealed class DockerCredentialHelper
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly IProcessRunner _runner;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly ILogger? _logger;

    public DockerCredentialHelper(string helper, IProcessRunner runner, IReadOnlyDictionary<string, string?>? environment = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(helper);
        Helper = helper;
        _runner = runner;
        _environment = environment ?? new Dictionary<string, string?>();
        _logger = logger;
    }

    /// <summary>The helper's name in <c>credHelpers</c> (<c>gcloud</c>).</summary>
    public string Helper { get; }

    /// <summary>The program docker runs for it.</summary>
    public string Program => $"docker-credential-{Helper}";

    /// <summary>Whether the program is on the PATH the helper would get (a file lookup, no process).</summary>
    public bool IsInstalled(out string searchedPath)
    {
        searchedPath = (_environment.TryGetValue("PATH", out var path) ? path : Environment.GetEnvironmentVariable("PATH")) ?? "";
        return ProgramLocator.Locate(Program, searchedPath) is not null;
    }

    /// <summary>Runs <c>get</c> for <paramref name="host"/>; the secret never reaches a log or a message.</summary>
    /// <exception cref="DockerCredentialHelperException">The helper is missing, has no credentials, or answered nonsense.</exception>
    public async Task<DockerCredentials> GetAsync(string host, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var command = ProcessCommand.For(Program)
            .WithArguments(["get"])
            .WithStandardInput(StandardInput.FromString(host))
            .WithEnvironment(builder => ChildEnvironment.Apply(builder, _environment))
            .WithSecretOutput()
            .WithValidation(ProcessValidation.None)
            .WithTimeout(Timeout)
            .WithLogger(_logger)
            .WithOutputLogLevel(LogLevel.None, LogLevel.Debug);

        var requestedAt = time.GetUtcNow();
        ProcessResult result;
        try
        {
            result = await _runner.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (ProgramNotFoundException e)
        {
            throw new DockerCredentialHelperException(Helper, host, DockerCredentialHelperProblem.NotInstalled, e.Message, e);
        }

        if (!result.IsSuccess)
        {
            // docker-credential-gcloud explains itself on stdout ("You do not currently have an active account selected"):
            // that text is not a secret, unlike a successful answer.
            var explanation = FirstMeaningfulLine(result.StandardOutput) ?? FirstMeaningfulLine(result.StandardError) ?? $"exit code {result.ExitCode}";
            var problem = explanation.Contains("active account", StringComparison.OrdinalIgnoreCase) ||
                          explanation.Contains("credentials not found", StringComparison.OrdinalIgnoreCase)
                ? DockerCredentialHelperProblem.NoCredentials
                : DockerCredentialHelperProblem.Failed;
            throw new DockerCredentialHelperException(Helper, host, problem, explanation);
        }

        try
        {
            using var answer = JsonDocument.Parse(result.StandardOutput);
            var secret = answer.RootElement.GetProperty("Secret").GetString();
            var username = answer.RootElement.TryGetProperty("Username", out var user) ? user.GetString() : null;
            if (string.IsNullOrEmpty(secret))
                throw new DockerCredentialHelperException(Helper, host, DockerCredentialHelperProblem.Failed, "it answered without a secret");
            // The helper does not say when its token expires; gcloud hands out tokens with most of an hour left and
            // refreshes them itself, so asking again after a few minutes is both safe and cheap.
            return new DockerCredentials(username ?? "", new AccessToken(secret, requestedAt, requestedAt + TimeSpan.FromMinutes(10)));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new DockerCredentialHelperException(Helper, host, DockerCredentialHelperProblem.Failed, "its answer was not the JSON docker expects", e);
        }
    }

    private static string? FirstMeaningfulLine(string text) =>
        text.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0);
}

/// <summary>What a credential helper answered: the registry username and the secret (for gcloud, an access token).</summary>
internal sealed record DockerCredentials(string Username, AccessToken Token)
{
    public override string ToString() => $"{Username}:[REDACTED]";
}
