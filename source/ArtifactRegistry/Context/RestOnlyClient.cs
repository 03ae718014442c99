using ArtifactRegistry.Auth;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Context;

/// <summary>The REST client of an operation that talks only to the REST API (no docker): the context's credentials, else Application Default Credentials.</summary>
internal static class RestOnlyClient
{
    /// <param name="operation">Named in the error when no credentials are found: <c>PruneUntagged</c>.</param>
    /// <exception cref="GoogleCredentialException">Neither the context nor Application Default Credentials give a token.</exception>
    public static async Task<ArtifactRegistryClient> OpenAsync(OperationContext context, string operation, CancellationToken cancellationToken, RetryPolicy? retry = null)
    {
        var tokens = context.AccessTokenSource;
        if (tokens is null)
        {
            var adc = await ApplicationDefaultCredentials.ResolveAsync(context.ApplicationDefaultCredentialsOptions, cancellationToken).ConfigureAwait(false);
            tokens = adc.TokenSource ?? throw new GoogleCredentialException(
                $"{operation} calls Artifact Registry's REST API and needs Google credentials, but none were found (" +
                string.Join("; ", adc.Attempts.Select(attempt => attempt.ToString())) + "). Give the context a token source " +
                "(OperationContext.SetAccessTokenSource), set GOOGLE_APPLICATION_CREDENTIALS to a key or Workload Identity Federation file, " +
                "or run `gcloud auth application-default login`.");
        }

        return context.CreateRestClient(tokens, retry);
    }
}
