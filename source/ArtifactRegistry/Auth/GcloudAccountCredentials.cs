using ArtifactRegistry.Gcloud;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Processes;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Auth;

/// <summary>
/// gcloud's active account (<c>gcloud auth login</c>, <c>gcloud auth activate-service-account</c>) as a token source: the
/// sign-in most workstations have, and the one docker's gcloud credential helper already uses. The token comes from
/// <c>gcloud auth print-access-token</c> on standard output, never through argv, and is never logged.
/// </summary>
internal static class GcloudAccountCredentials
{
    public const string SourceName = "gcloud account";

    /// <summary>
    /// gcloud prints its cached token until less than 5 minutes of it remain, then refreshes it, and it does not print the
    /// expiry: 5 minutes is all that can be counted on, so the token is asked for again after 4 (the refresh threshold).
    /// </summary>
    internal static readonly TimeSpan GuaranteedLifetime = TimeSpan.FromMinutes(5);

    private const string SignInRemedy =
        "`gcloud auth login` (a person) or `gcloud auth activate-service-account --key-file=KEY.json` (CI)";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <returns>A source whose first token was obtained, or none, and the attempt to report either way.</returns>
    public static async Task<(IAccessTokenSource? Source, CredentialAttempt Attempt)> FindAsync(
        ApplicationDefaultCredentialsOptions options, CancellationToken cancellationToken)
    {
        if (options.GcloudRunner is not { } runner)
            return (null, new CredentialAttempt(SourceName, "not asked (disabled)"));

        var searchPath = options.ChildEnvironment.TryGetValue("PATH", out var path) ? path : options.Environment("PATH");
        if (ProgramLocator.Locate("gcloud", searchPath) is null)
            return (null, new CredentialAttempt(SourceName, "gcloud is not installed (not on PATH)")
            {
                Remedy = "install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install), then " + SignInRemedy,
            });

        var configDirectory = GcloudConfigDirectory.Locate(options.Environment, options.HomeDirectory);
        var gcloud = new Gcloud(runner, options, configDirectory);
        string? account;
        try
        {
            account = await gcloud.ActiveAccountAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessFailedException e)
        {
            return (null, new CredentialAttempt(SourceName, $"gcloud did not answer: {e.Message}") { Remedy = "run `gcloud config get account` to see why" });
        }
        var tokenInEnvironment = !string.IsNullOrWhiteSpace(options.Environment("CLOUDSDK_AUTH_ACCESS_TOKEN")) ||
                                 !string.IsNullOrWhiteSpace(options.Environment("CLOUDSDK_AUTH_ACCESS_TOKEN_FILE"));
        if (account is null && !tokenInEnvironment)
            return (null, new CredentialAttempt(SourceName, $"signed out (no active account in {configDirectory})") { Remedy = SignInRemedy });

        var principal = account is null
            ? GooglePrincipal.Unknown("the owner of gcloud's access token (CLOUDSDK_AUTH_ACCESS_TOKEN)")
            : GooglePrincipal.FromEmail(account);
        var description = account is null ? "gcloud access token (CLOUDSDK_AUTH_ACCESS_TOKEN)" : $"gcloud account {account}";
        var source = new RefreshingAccessTokenSource(description, principal, ct => gcloud.PrintAccessTokenAsync(principal, ct), options.Time);
        try
        {
            await source.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (GoogleCredentialException e)
        {
            return (null, new CredentialAttempt(SourceName, e.Message) { Remedy = SignInRemedy });
        }
        return (source, new CredentialAttempt(SourceName, description));
    }

    private sealed class Gcloud(IProcessRunner runner, ApplicationDefaultCredentialsOptions options, string configDirectory)
    {
        public async Task<string?> ActiveAccountAsync(CancellationToken cancellationToken)
        {
            // Prints the account on stdout, or "(unset)" on stderr and nothing on stdout.
            var result = await runner.ExecuteAsync(Command("config", "get", "account"), cancellationToken).ConfigureAwait(false);
            return result.IsSuccess && result.StandardOutput.Trim() is { Length: > 0 } account ? account : null;
        }

        public async Task<AccessToken> PrintAccessTokenAsync(GooglePrincipal principal, CancellationToken cancellationToken)
        {
            var requestedAt = options.Time.GetUtcNow();
            ProcessResult result;
            try
            {
                result = await runner.ExecuteAsync(Command("auth", "print-access-token").WithSecretOutput().WithOutputLogLevel(LogLevel.None, LogLevel.Debug), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (ProcessFailedException e)
            {
                throw new GoogleCredentialException($"`gcloud auth print-access-token` gave no token for {principal}: {e.Message}", e);
            }
            // On failure stdout is empty and stderr holds gcloud's explanation, which is no secret.
            if (!result.IsSuccess || result.StandardOutput.Trim() is not { Length: > 0 } token)
                throw new GoogleCredentialException(
                    $"`gcloud auth print-access-token` gave no token for {principal}: {FirstError(result)}");
            return new AccessToken(token, requestedAt, requestedAt + GuaranteedLifetime);
        }

        private ProcessCommand Command(params string[] arguments) => ProcessCommand.For("gcloud")
            .WithArguments(arguments)
            .WithEnvironment(builder =>
            {
                ChildEnvironment.Apply(builder, options.ChildEnvironment);
                // The folder the library located, so gcloud reads the same configuration even when the home was overridden.
                builder.Set(GcloudConfigDirectory.Variable, configDirectory);
                builder.Set("CLOUDSDK_CORE_DISABLE_PROMPTS", "true");
            })
            .WithValidation(ProcessValidation.None)
            .WithTimeout(Timeout)
            .WithLogger(options.Logger);

        private static string FirstError(ProcessResult result) =>
            result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.StartsWith("ERROR: ", StringComparison.Ordinal) ? line["ERROR: ".Length..] : line)
                .FirstOrDefault() ?? $"exit code {result.ExitCode}";
    }
}
