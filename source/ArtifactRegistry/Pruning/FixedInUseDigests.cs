using ArtifactRegistry.References;

namespace ArtifactRegistry.Pruning;

/// <summary>Digests known in use without asking a cluster: from a deploy step of the same build, a file, a test.</summary>
public sealed class FixedInUseDigests : IInUseDigests
{
    private readonly HashSet<ImageDigest> _digests;

    /// <summary>Protects exactly <paramref name="digests"/>.</summary>
    public FixedInUseDigests(IEnumerable<ImageDigest> digests)
    {
        ArgumentNullException.ThrowIfNull(digests);
        _digests = [.. digests];
    }

    /// <exception cref="FormatException">A text is not a sha256 digest.</exception>
    public FixedInUseDigests(IEnumerable<string> digests)
        : this(digests.Select(ImageDigest.Parse))
    {
    }

    /// <summary>How many digests were given, for the build log.</summary>
    public string Description => $"{_digests.Count} digest{(_digests.Count == 1 ? "" : "s")} given as in use";

    /// <summary>The digests given, whatever the repositories.</summary>
    public Task<IReadOnlySet<ImageDigest>> FindAsync(IReadOnlyList<RepositoryName> repositories, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<ImageDigest>>(_digests);
}
