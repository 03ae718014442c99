using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.Kubernetes;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Deploying;

/// <summary>A GKE cluster's node accounts from the GKE API, with the context's Google credentials; any failure leaves the message's placeholder.</summary>
internal sealed class GkeNodeServiceAccounts(OperationContext context) : INodeServiceAccounts
{
    public async Task<string?> FindAsync(KubeConnection connection, string? nodePool, CancellationToken cancellationToken)
    {
        if (connection.GkeCluster is not { } cluster)
            return null;
        try
        {
            var tokens = context.AccessTokenSource
                         ?? (await GoogleCredentials.ResolveAsync(context.ApplicationDefaultCredentialsOptions, cancellationToken).ConfigureAwait(false)).TokenSource;
            if (tokens is null)
                return null;
            return await new GkeNodePools(tokens, context.Variable, context.HttpHandler).FindServiceAccountAsync(cluster, nodePool, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or GoogleCredentialException or System.Text.Json.JsonException or TaskCanceledException
                                              && !cancellationToken.IsCancellationRequested)
        {
            context.Logger.LogDebug("The node pool's service account of {Cluster} could not be read from the GKE API: {Reason}", cluster, exception.Message);
            return null;
        }
    }
}
