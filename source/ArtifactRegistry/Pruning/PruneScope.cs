using ArtifactRegistry.References;

namespace ArtifactRegistry.Pruning;

/// <summary>What a prune looks at: whole images (packages) and whole repositories, parsed from the settings' text.</summary>
internal sealed record PruneScope(IReadOnlyList<PackageName> Packages, IReadOnlyList<RepositoryName> Repositories)
{
    /// <summary>Every repository touched, those of the images included.</summary>
    public IReadOnlyList<RepositoryName> AllRepositories => [.. Repositories.Concat(Packages.Select(p => p.RepositoryName)).Distinct()];

    /// <exception cref="ArgumentException">No scope, or an entry that names something else than an image or a repository.</exception>
    /// <exception cref="InvalidImageReferenceException">An image reference is not valid.</exception>
    public static PruneScope Parse(IReadOnlyList<string> images, IReadOnlyList<string> repositories)
    {
        if (images.Count == 0 && repositories.Count == 0)
            throw new ArgumentException(
                "PruneUntagged was given nothing to prune: name images (SetImages(\"asia-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE\"); NUKE: --prune-images) " +
                "or repositories (SetRepositories(\"asia-docker.pkg.dev/PROJECT/REPOSITORY\"); NUKE: --prune-repositories).");
        var packages = images.Select(ParseImage).Distinct().ToList();
        return new PruneScope(packages, [.. repositories.Select(ParseRepository).Distinct()]);
    }

    private static PackageName ParseImage(string text)
    {
        var image = ImageReference.Parse(text);
        if (image.HasTagOrDigest)
            throw new ArgumentException(
                $"PruneUntagged prunes the versions of whole images, but '{text}' names one version ({(image.HasTag ? ":" + image.Tag : "@" + image.Digest!.ToShortString())}). " +
                $"Give the image without tag or digest: {image.Name}. To delete this one version, use DeleteImage.");
        return image.PackageName;
    }

    private static RepositoryName ParseRepository(string text)
    {
        if (RepositoryName.TryParse(text, out var name))
            return name;
        // A Docker path HOST/PROJECT/REPOSITORY is an image reference without its image: borrow one to parse it.
        const string probe = "prune-scope-probe";
        if (ImageReference.TryParse($"{text.TrimEnd('/')}/{probe}", out var reference, out _))
        {
            if (reference.ImagePath == probe)
                return reference.RepositoryName;
            throw new ArgumentException(
                $"'{text}' is an image ({reference.Repository} / {reference.ImagePath[..^(probe.Length + 1)]}), not a repository: " +
                $"give it to SetImages (NUKE: --prune-images), or the repository {reference.RepositoryName.DockerPath} to SetRepositories.");
        }

        throw new ArgumentException(
            $"'{text}' is not a repository: write it as docker names it, LOCATION-docker.pkg.dev/PROJECT-ID/REPOSITORY " +
            "(e.g. asia-docker.pkg.dev/my-project/my-repo), or as a resource name, projects/PROJECT-ID/locations/LOCATION/repositories/REPOSITORY.");
    }
}
