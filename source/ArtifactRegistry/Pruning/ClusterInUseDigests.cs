using ArtifactRegistry.Context;
using ArtifactRegistry.InUse;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Pruning;

/// <summary>
/// The digests kube contexts use (<see cref="ClusterImages"/>), for <see cref="PruneUntaggedSettings.KubeContexts"/>. A template
/// naming a scope's image by tag only is protected by the digest its tag names now (<c>tags.get</c>), with a warning: a node
/// pulling later gets whatever the tag names then.
/// </summary>
internal sealed partial class ClusterInUseDigests(OperationContext context, IReadOnlyList<string> kubeContexts, ArtifactRegistryClient client) : IInUseDigests
{
    private readonly ILogger _logger = context.Logger;

    public string Description => $"pods, workloads and replica sets of kube context{(kubeContexts.Count == 1 ? "" : "s")} {string.Join(", ", kubeContexts)}";

    public async Task<IReadOnlySet<ImageDigest>> FindAsync(IReadOnlyList<RepositoryName> repositories, CancellationToken cancellationToken)
    {
        var inUse = await ClusterImages.ReadAsync(context, kubeContexts, cancellationToken).ConfigureAwait(false);
        var digests = new HashSet<ImageDigest>(inUse.Digests);
        var prefixes = repositories.Select(r => r.DockerPath + "/").ToList();
        foreach (var group in inUse.Unpinned
                     .Where(use => prefixes.Any(prefix => use.Image.Name.StartsWith(prefix, StringComparison.Ordinal)))
                     .GroupBy(use => $"{use.Image.Name}:{use.Image.Tag ?? ImageReference.ImplicitDefaultTag}"))
        {
            var users = string.Join(", ", group.Select(use => $"{use.KubeContext}/{use.Namespace}/{use.Owner}").Distinct());
            if (!ImageReference.TryParse(group.Key, out var image))
            {
                LogUnpinnedUnreadable(group.Key, users);
                continue;
            }

            // A pod's image without a tag runs :latest (the kubelet pulls it), so that is the tag whose version is in use.
            var tagged = image.HasTag ? image : image.WithTag(image.TagOrImplicitLatest);
            var tag = await client.FindTagAsync(tagged.TagName, cancellationToken).ConfigureAwait(false);
            if (tag?.Version is { } version && VersionName.TryParse(version, out var versionName))
            {
                digests.Add(versionName.Digest);
                LogUnpinnedProtected(group.Key, users, versionName.Digest.ToString());
            }
            else
            {
                LogUnpinnedMissing(group.Key, users);
            }
        }

        return digests;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Image} is run by tag only ({Users}): kept the digest the tag names now ({Digest}); " +
                                                       "a node pulling later gets whatever the tag names then. Pin the workload to a digest (SetImage does).")]
    private partial void LogUnpinnedProtected(string image, string users, string digest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Image} is run by tag only ({Users}), and the registry has no such tag: no digest of it can be " +
                                                       "protected, so pods still pulling it may fail. Pin the workload to a digest (SetImage does).")]
    private partial void LogUnpinnedMissing(string image, string users);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Image} is run by tag only ({Users}) and is not a valid Artifact Registry reference: " +
                                                       "nothing of it can be protected by digest. Pin the workload to a digest (SetImage does).")]
    private partial void LogUnpinnedUnreadable(string image, string users);
}
