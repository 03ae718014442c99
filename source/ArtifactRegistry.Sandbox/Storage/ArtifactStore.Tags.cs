namespace ArtifactRegistry.Sandbox.Storage;

internal sealed partial class ArtifactStore
{
    public IReadOnlyList<TagView> ListTags(RepositoryName name, string image)
    {
        lock (_gate)
        {
            var package = Package(name, image);
            return package.Tags.Select(t => new TagView(name, image, t.Key, t.Value)).ToList();
        }
    }

    public TagView GetTag(RepositoryName name, string image, string tag)
    {
        lock (_gate)
        {
            var package = Package(name, image);
            return package.Tags.TryGetValue(tag, out var digest) ? new TagView(name, image, tag, digest) : throw NotFound();
        }
    }

    /// <summary>The digest a tag points at, or null (used to tell creating a tag from moving it, which needs another permission).</summary>
    public Digest? TagTarget(RepositoryName name, string image, string tag)
    {
        lock (_gate)
            return _repositories.TryGetValue(name, out var repository)
                   && repository.Packages.TryGetValue(image, out var package)
                   && package.Tags.TryGetValue(tag, out var digest)
                ? digest
                : null;
    }

    public TagView CreateTag(RepositoryName name, string image, string tag, Digest digest)
    {
        lock (_gate)
        {
            var package = Package(name, image);
            if (package.Tags.ContainsKey(tag))
                throw new StoreException(StoreError.AlreadyExists, $"Tag \"{tag}\" already exists.");
            if (!package.Versions.ContainsKey(digest))
                throw new StoreException(StoreError.NotFound, $"Version \"{digest}\" was not found in package \"{image}\".");
            package.SetTag(tag, digest);
            package.UpdateTime = Now;
            Changed();
            return new TagView(name, image, tag, digest);
        }
    }

    public TagView MoveTag(RepositoryName name, string image, string tag, Digest digest)
    {
        lock (_gate)
        {
            var repository = Repository(name);
            var package = Package(name, image);
            if (!package.Tags.TryGetValue(tag, out var current))
                throw NotFound();
            if (!package.Versions.ContainsKey(digest))
                throw new StoreException(StoreError.NotFound, $"Version \"{digest}\" was not found in package \"{image}\".");
            if (current != digest)
            {
                if (repository.Settings.ImmutableTags)
                    throw ImmutableTag(tag);
                package.SetTag(tag, digest);
                package.UpdateTime = Now;
                Changed();
            }

            return new TagView(name, image, tag, digest);
        }
    }

    public void DeleteTag(RepositoryName name, string image, string tag)
    {
        lock (_gate)
        {
            var repository = Repository(name);
            var package = Package(name, image);
            if (!package.Tags.ContainsKey(tag))
                throw NotFound();
            if (repository.Settings.ImmutableTags)
                throw ImmutableTag(tag);
            package.RemoveTag(tag);
            package.UpdateTime = Now;
            if (package.Versions.Count == 0 && package.Tags.Count == 0)
                repository.Packages.Remove(image);
            Changed();
        }
    }
}
