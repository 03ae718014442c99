using System.Collections.Immutable;

namespace ArtifactRegistry.Sandbox.Storage;

internal sealed partial class ArtifactStore
{
    public IReadOnlyList<PackageView> ListPackages(RepositoryName name)
    {
        lock (_gate)
            return Repository(name).Packages.Values
                .Select(p => new PackageView(name, p.Image, p.CreateTime, p.UpdateTime))
                .ToList();
    }

    public PackageView GetPackage(RepositoryName name, string image)
    {
        lock (_gate)
        {
            var package = Package(name, image);
            return new PackageView(name, package.Image, package.CreateTime, package.UpdateTime);
        }
    }

    /// <summary>Deletes a package with all its versions and tags (what <c>gcloud artifacts docker images delete IMG</c> does).</summary>
    public void DeletePackage(RepositoryName name, string image)
    {
        lock (_gate)
        {
            var repository = Repository(name);
            var package = Package(name, image);
            if (repository.Settings.ImmutableTags && package.Tags.Count > 0)
                throw ImmutableTag(package.Tags.Keys.First());
            repository.ManifestBytes -= package.Versions.Values.Sum(v => (long)v.Content.Length);
            repository.Packages.Remove(image);
            Changed();
        }
    }

    public IReadOnlyList<VersionView> ListVersions(RepositoryName name, string image)
    {
        lock (_gate)
        {
            var package = Package(name, image);
            return package.Versions.Values.Select(v => View(name, package, v)).ToList();
        }
    }

    /// <summary>Every version of every package: the dockerImages collection.</summary>
    public IReadOnlyList<VersionView> ListDockerImages(RepositoryName name)
    {
        lock (_gate)
            return Repository(name).Packages.Values
                .SelectMany(p => p.Versions.Values.Select(v => View(name, p, v)))
                .ToList();
    }

    public VersionView GetVersion(RepositoryName name, string image, Digest digest)
    {
        lock (_gate)
        {
            var package = Package(name, image);
            return package.Versions.TryGetValue(digest, out var version) ? View(name, package, version) : throw NotFound();
        }
    }

    /// <summary>
    /// Deletes a version. A tagged version needs <paramref name="force"/> (its tags go with it); a version an index still lists
    /// as a child is never deleted, so a tagged multi-platform image cannot lose one of its platforms.
    /// </summary>
    public void DeleteVersion(RepositoryName name, string image, Digest digest, bool force)
    {
        lock (_gate)
        {
            var repository = Repository(name);
            var package = Package(name, image);
            if (!package.Versions.TryGetValue(digest, out var version))
                throw NotFound();
            EnsureDeletable(repository, package, version, force, ignoringParents: null);
            Remove(repository, package, version);
            Changed();
        }
    }

    /// <summary>
    /// Deletes several versions of one package; indexes go first so their children become deletable in the same batch.
    /// Returns the versions that could not be deleted, with the reason.
    /// </summary>
    public IReadOnlyList<(Digest Digest, string Reason)> BatchDeleteVersions(RepositoryName name, string image, IReadOnlyList<Digest> digests, bool validateOnly)
    {
        lock (_gate)
        {
            var repository = Repository(name);
            var package = Package(name, image);
            var failed = new List<(Digest, string)>();
            var deleting = new HashSet<Digest>(digests.Where(package.Versions.ContainsKey));
            var ordered = digests.Distinct()
                .OrderBy(d => package.Versions.TryGetValue(d, out var v) && v.IsIndex ? 0 : 1)
                .ToList();
            foreach (var digest in ordered)
            {
                if (!package.Versions.TryGetValue(digest, out var version))
                {
                    failed.Add((digest, "Requested entity was not found."));
                    continue;
                }

                try
                {
                    EnsureDeletable(repository, package, version, force: false, ignoringParents: deleting);
                }
                catch (StoreException e)
                {
                    failed.Add((digest, e.Message));
                    deleting.Remove(digest);
                }
            }

            if (!validateOnly)
            {
                foreach (var digest in ordered.Where(deleting.Contains))
                    Remove(repository, package, package.Versions[digest]);
                Changed();
            }

            return failed;
        }
    }

    private void EnsureDeletable(RepositoryState repository, PackageState package, ManifestVersion version, bool force, ISet<Digest>? ignoringParents)
    {
        var parent = package.ParentOf(version.Digest, ignoringParents);
        if (parent is not null)
            throw new StoreException(StoreError.FailedPrecondition,
                $"Manifest {version.Digest} is referenced by image {parent.Digest}; delete that image first.")
            { ReferencedBy = parent.Digest };
        var tags = package.TagsOf(version.Digest);
        if (tags.Count == 0)
            return;
        if (!force)
            throw new StoreException(StoreError.FailedPrecondition,
                $"Version {version.Digest} is tagged ({string.Join(", ", tags)}); delete its tags first or delete with force.")
            { Tags = tags.ToList() };
        if (repository.Settings.ImmutableTags)
            throw ImmutableTag(tags.First());
    }

    private void Remove(RepositoryState repository, PackageState package, ManifestVersion version)
    {
        foreach (var tag in package.TagsOf(version.Digest).ToList())
            package.RemoveTag(tag);
        package.Versions.Remove(version.Digest);
        repository.ManifestBytes -= version.Content.Length;
        package.UpdateTime = Now;
        if (package.Versions.Count == 0 && package.Tags.Count == 0)
            repository.Packages.Remove(package.Image);
    }

    private PackageState Package(RepositoryName name, string image) =>
        Repository(name).Packages.TryGetValue(image, out var package) ? package : throw NotFound();

    private static VersionView View(RepositoryName name, PackageState package, ManifestVersion version) =>
        new(name, package.Image, version, [.. package.TagsOf(version.Digest)]);

    private static StoreException ImmutableTag(string tag) =>
        new(StoreError.FailedPrecondition,
            $"Tag \"{tag}\" cannot be moved or deleted: the repository has immutable tags (dockerConfig.immutableTags). Push a new tag instead.");
}
