using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// Gathers the facts of a platform mismatch: the image's platforms from Artifact Registry (REST <c>dockerImages.get</c>, whose
/// <c>imageManifests</c> list an index's entries) with the credentials SetImage resolves tags with, and the nodes' platforms
/// from the Node objects. Either may be out of reach; that is recorded, never guessed.
/// </summary>
internal static class ImagePlatformReader
{
    public static async Task<PlatformFacts> ReadAsync(ImageReference image, KubeCluster cluster, OperationContext context, CancellationToken cancellationToken)
    {
        var facts = new PlatformFacts();
        try
        {
            facts = facts with { Nodes = await cluster.ListNodePlatformsAsync(cancellationToken).ConfigureAwait(false) };
        }
        catch (KubernetesApiException exception)
        {
            facts = facts with
            {
                NodesProblem = exception.Problem == KubernetesApiProblem.Forbidden
                    ? $"the credentials may not list nodes ({exception.ServerMessage ?? "403 Forbidden"})"
                    : exception.ServerMessage ?? exception.Message,
            };
        }

        if (!image.HasDigest)
            return facts with { ImagePlatformsProblem = "the image is not pinned to a digest" };
        try
        {
            facts = facts with { ImagePlatforms = await ImagePlatformsAsync(image, context, cancellationToken).ConfigureAwait(false) };
        }
        catch (Exception exception) when (exception is ArtifactRegistryApiException or GoogleCredentialException or HttpRequestException)
        {
            facts = facts with { ImagePlatformsProblem = exception.Message.Split('\n')[0].Trim() };
        }

        return facts;
    }

    private static async Task<IReadOnlyList<string>> ImagePlatformsAsync(ImageReference image, OperationContext context, CancellationToken cancellationToken)
    {
        var tokens = context.AccessTokenSource
                     ?? (await GoogleCredentials.ResolveAsync(context.ApplicationDefaultCredentialsOptions, cancellationToken).ConfigureAwait(false)).TokenSource
                     ?? throw new GoogleCredentialException("no Google credentials were found to read it with");
        using var client = context.CreateRestClient(tokens);
        var found = await client.GetDockerImageAsync(image.VersionName.DockerImageName, cancellationToken).ConfigureAwait(false);
        return (found.ImageManifests ?? [])
            .Where(m => m.Os is { Length: > 0 } os && os != "unknown" && m.Architecture is { Length: > 0 } arch && arch != "unknown")
            .Select(m => $"{m.Os}/{m.Architecture}{(string.IsNullOrEmpty(m.Variant) ? "" : "/" + m.Variant)}")
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
