using ArtifactRegistry.Kubernetes;

namespace ArtifactRegistry.Deploying;

/// <summary>Finds the service account a node pool pulls images as, for the reader grant a pull refusal needs.</summary>
internal interface INodeServiceAccounts
{
    /// <returns>The account's email, or null when it cannot be found (the message then shows how to look it up).</returns>
    Task<string?> FindAsync(KubeConnection connection, string? nodePool, CancellationToken cancellationToken);
}

/// <summary>For clusters whose node accounts cannot be asked: the message gives the lookup command instead.</summary>
internal sealed class UnknownNodeServiceAccounts : INodeServiceAccounts
{
    public Task<string?> FindAsync(KubeConnection connection, string? nodePool, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
