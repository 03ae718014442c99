namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>The mutable content of one package; only touched under the store's lock.</summary>
internal sealed class PackageState(string image, DateTimeOffset created)
{
    private readonly Dictionary<Digest, SortedSet<string>> _tagsByDigest = [];

    public string Image { get; } = image;

    public DateTimeOffset CreateTime { get; set; } = created;

    public DateTimeOffset UpdateTime { get; set; } = created;

    public Dictionary<Digest, ManifestVersion> Versions { get; } = [];

    public SortedDictionary<string, Digest> Tags { get; } = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> TagsOf(Digest digest) =>
        _tagsByDigest.TryGetValue(digest, out var tags) ? tags : [];

    public void SetTag(string tag, Digest digest)
    {
        RemoveTag(tag);
        Tags[tag] = digest;
        if (!_tagsByDigest.TryGetValue(digest, out var tags))
            _tagsByDigest[digest] = tags = new SortedSet<string>(StringComparer.Ordinal);
        tags.Add(tag);
    }

    public bool RemoveTag(string tag)
    {
        if (!Tags.Remove(tag, out var previous))
            return false;
        if (_tagsByDigest.TryGetValue(previous, out var tags) && tags.Remove(tag) && tags.Count == 0)
            _tagsByDigest.Remove(previous);
        return true;
    }

    /// <summary>An index in this package that lists the manifest as a child (it would dangle if the child went).</summary>
    public ManifestVersion? ParentOf(Digest digest, ISet<Digest>? ignoring = null)
    {
        foreach (var version in Versions.Values)
            if (version.IsIndex && (ignoring is null || !ignoring.Contains(version.Digest)))
                foreach (var child in version.Children)
                    if (child.Digest == digest)
                        return version;
        return null;
    }
}
