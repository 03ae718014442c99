using ArtifactRegistry.Auth;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Context;

/// <summary>The REST client of an operation that talks only to the REST API (no docker): the context's credentials, else Application Default Credentials, else gcloud's account.</summary>
internal static class RestOnlyClient
{
    /// <param name="operation">Named in the error when no credentials are found: <c>PruneUntagged</c>.</param>
    /// <exception cref="GoogleCredentialException">Neither the context, Application Default Credentials nor gcloud give a token.</exception>
    public static async Task<ArtifactRegistryClient> OpenAsync(OperationContext context, string operation, CancellationToken cancellationToken, RetryPolicy? retry = null)
    {
        var tokens = context.AccessTokenSource;
        if (tokens is null)
        {
            var found = await GoogleCredentials.ResolveAsync(context.ApplicationDefaultCredentialsOptions, cancellationToken).ConfigureAwait(false);
            tokens = found.TokenSource ?? throw new GoogleCredentialException(
                $"{operation} calls Artifact Registry's REST API and needs Google credentials, but none were found. " + found.DescribeAttempts() +
                "\nOr give the context a token source (OperationContext.SetAccessTokenSource).");
        }

        return context.CreateRestClient(tokens, retry);
    }
}
