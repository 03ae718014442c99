using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Auth;

/// <summary>
/// Every source of Google credentials the REST operations use, in order: Application Default Credentials
/// (<c>GOOGLE_APPLICATION_CREDENTIALS</c>, gcloud's application-default file, the metadata server), then gcloud's active
/// account, so a workstation signed in only with <c>gcloud auth login</c> works as docker's gcloud helper does.
/// </summary>
internal static class GoogleCredentials
{
    /// <summary>The first source that gives a token; the chosen one is logged once.</summary>
    /// <exception cref="GoogleCredentialException"><c>GOOGLE_APPLICATION_CREDENTIALS</c> names a missing or unacceptable file.</exception>
    public static async Task<CredentialSearchResult> ResolveAsync(ApplicationDefaultCredentialsOptions options, CancellationToken cancellationToken = default)
    {
        var result = await ApplicationDefaultCredentials.ResolveAsync(options, cancellationToken).ConfigureAwait(false);
        if (!result.Found)
        {
            var (source, attempt) = await GcloudAccountCredentials.FindAsync(options, cancellationToken).ConfigureAwait(false);
            result = new CredentialSearchResult(source, [.. result.Attempts, attempt]);
        }

        if (result.TokenSource is { } found)
            options.Logger.LogInformation("credentials: {Source}", found.Description);
        return result;
    }
}
