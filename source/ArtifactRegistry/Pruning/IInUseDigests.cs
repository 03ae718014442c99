using ArtifactRegistry.References;

namespace ArtifactRegistry.Pruning;

/// <summary>Where the digests a prune must never delete come from: what clusters run or are rolling out.</summary>
public interface IInUseDigests
{
    /// <summary>For the log: <c>pods and workloads of contexts prod, staging</c>.</summary>
    string Description { get; }

    /// <summary>The digests in use now, of images in <paramref name="repositories"/> (others may be included; they are ignored).</summary>
    Task<IReadOnlySet<ImageDigest>> FindAsync(IReadOnlyList<RepositoryName> repositories, CancellationToken cancellationToken);
}
