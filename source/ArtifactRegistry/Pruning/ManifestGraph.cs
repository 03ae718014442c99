using ArtifactRegistry.References;

namespace ArtifactRegistry.Pruning;

/// <summary>
/// The versions of one package as a graph from manifest lists and OCI indexes to the platform manifests they list.
/// Children an index lists but the package does not hold are ignored; digests make cycles impossible.
/// </summary>
internal sealed class ManifestGraph
{
    private static readonly IReadOnlyList<ImageVersion> None = [];

    private readonly Dictionary<ImageDigest, ImageVersion> _byDigest;
    private readonly Dictionary<ImageDigest, List<ImageVersion>> _parents = [];

    public ManifestGraph(IReadOnlyList<ImageVersion> versions)
    {
        _byDigest = new Dictionary<ImageDigest, ImageVersion>(versions.Count);
        foreach (var version in versions)
            _byDigest.TryAdd(version.Digest, version);
        foreach (var version in _byDigest.Values)
            foreach (var child in version.Children.Distinct())
                if (child != version.Digest && _byDigest.ContainsKey(child))
                {
                    if (!_parents.TryGetValue(child, out var parents))
                        _parents[child] = parents = [];
                    parents.Add(version);
                }
    }

    public IReadOnlyList<ImageVersion> ParentsOf(ImageDigest digest) => _parents.TryGetValue(digest, out var parents) ? parents : None;

    public bool HasParents(ImageDigest digest) => _parents.ContainsKey(digest);

    /// <summary>Every version once, each after all its parents (Kahn's algorithm); ties keep the listing's order.</summary>
    public IEnumerable<ImageVersion> ParentsFirst()
    {
        var waiting = _parents.ToDictionary(pair => pair.Key, pair => pair.Value.Count);
        var ready = new Queue<ImageVersion>(_byDigest.Values.Where(v => !waiting.ContainsKey(v.Digest)));
        var emitted = 0;
        while (ready.TryDequeue(out var version))
        {
            emitted++;
            yield return version;
            foreach (var child in version.Children.Distinct())
                if (waiting.TryGetValue(child, out var count) && child != version.Digest)
                {
                    if (count == 1)
                    {
                        waiting.Remove(child);
                        ready.Enqueue(_byDigest[child]);
                    }
                    else
                    {
                        waiting[child] = count - 1;
                    }
                }
        }

        if (emitted != _byDigest.Count)
            throw new InvalidOperationException("The manifests of a package reference each other in a cycle, which content digests cannot form.");
    }
}
