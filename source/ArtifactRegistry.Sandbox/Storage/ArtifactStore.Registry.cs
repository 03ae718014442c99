namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>A manifest names a blob or child manifest the repository does not have.</summary>
internal sealed class ReferenceUnknownException(Digest digest, bool isManifest)
    : Exception(isManifest ? $"manifest {digest} (a child of the index) is unknown to this image" : $"blob {digest} is unknown to this repository")
{
    public Digest Digest { get; } = digest;

    public bool IsManifest { get; } = isManifest;
}

internal sealed partial class ArtifactStore
{
    public bool RepositoryExists(RepositoryName name) => _repositories.ContainsKey(name);

    public bool HasBlob(RepositoryName name, Digest digest)
    {
        lock (_gate)
            return _repositories.TryGetValue(name, out var repository) && repository.Blobs.Contains(digest);
    }

    /// <summary>Makes a blob (already in the blob store) readable through a repository.</summary>
    public void LinkBlob(RepositoryName name, Digest digest, long size)
    {
        lock (_gate)
        {
            var repository = Repository(name);
            if (repository.Blobs.Add(digest))
            {
                repository.BlobBytes += size;
                Changed();
            }
        }
    }

    /// <summary>
    /// Stores a manifest as a version of <paramref name="image"/> (creating the package) and points <paramref name="tag"/> at it.
    /// Every config and layer blob must be in the repository and every child of an index in the package, so nothing dangles.
    /// </summary>
    public VersionView PutManifest(RepositoryName name, string image, ManifestVersion version, string? tag)
    {
        lock (_gate)
        {
            var repository = Repository(name);
            foreach (var blob in version.Blobs)
                if (!repository.Blobs.Contains(blob))
                    throw new ReferenceUnknownException(blob, isManifest: false);

            repository.Packages.TryGetValue(image, out var package);
            var childSizes = 0L;
            foreach (var child in version.Children)
            {
                if (package is null || !package.Versions.TryGetValue(child.Digest, out var existingChild))
                    throw new ReferenceUnknownException(child.Digest, isManifest: true);
                childSizes += existingChild.ImageSizeBytes;
            }

            if (tag is not null && repository.Settings.ImmutableTags && package is not null
                && package.Tags.TryGetValue(tag, out var current) && current != version.Digest)
                throw ImmutableTag(tag);

            if (package is null)
                repository.Packages[image] = package = new PackageState(image, Now);

            if (version.IsIndex)
                version = version with { ImageSizeBytes = version.Content.Length + childSizes };
            if (package.Versions.TryGetValue(version.Digest, out var previous))
                version = version with { UploadTime = previous.UploadTime };
            else
                repository.ManifestBytes += version.Content.Length;

            package.Versions[version.Digest] = version;
            if (tag is not null)
                package.SetTag(tag, version.Digest);
            package.UpdateTime = Now;
            Changed();
            return View(name, package, version);
        }
    }

    /// <summary>Resolves a tag or digest to a manifest of the image, or null.</summary>
    public ManifestVersion? ResolveManifest(RepositoryName name, string image, string reference)
    {
        lock (_gate)
        {
            if (!_repositories.TryGetValue(name, out var repository) || !repository.Packages.TryGetValue(image, out var package))
                return null;
            if (Digest.TryParse(reference, out var digest))
                return package.Versions.GetValueOrDefault(digest);
            return package.Tags.TryGetValue(reference, out digest) ? package.Versions.GetValueOrDefault(digest) : null;
        }
    }

    /// <summary>Image paths in a repository, for the Docker catalog and the child listing of tags/list.</summary>
    public IReadOnlyList<string> Images(RepositoryName name)
    {
        lock (_gate)
            return _repositories.TryGetValue(name, out var repository)
                ? repository.Packages.Keys.Order(StringComparer.Ordinal).ToList()
                : [];
    }
}
