using ArtifactRegistry.Hints;
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
        {
            var image = SettingNames.PruneImages.With("asia-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE");
            var repository = SettingNames.PruneRepositories.With("asia-docker.pkg.dev/PROJECT/REPOSITORY");
            throw new SettingsException(
                $"PruneUntagged was given nothing to prune, and never guesses what to delete: name images ({image}) or repositories ({repository}).", image, repository);
        }
        var packages = images.Select(ParseImage).Distinct().ToList();
        return new PruneScope(packages, [.. repositories.Select(ParseRepository).Distinct()]);
    }

    private static PackageName ParseImage(string text)
    {
        var image = ImageReference.Parse(text);
        if (image.HasTagOrDigest)
        {
            var whole = SettingNames.PruneImages.With(image.Name);
            throw new SettingsException(
                $"PruneUntagged prunes the versions of whole images, but '{text}' names one version ({(image.HasTag ? ":" + image.Tag : "@" + image.Digest!.ToShortString())}). " +
                $"Give the image without tag or digest: {whole}. To delete this one version, use DeleteImage.", whole);
        }
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
        {
            var image = SettingNames.PruneImages.With(text.TrimEnd('/'));
            var repository = SettingNames.PruneRepositories.With(reference.RepositoryName.DockerPath);
            throw new SettingsException(
                $"'{text}' is an image ({reference.Repository} / {reference.ImagePath[..^(probe.Length + 1)]}), not a repository: " +
                $"prune that image ({image}), or its whole repository ({repository}).", image, repository);
        }
        }

        var form = SettingNames.PruneRepositories.With("asia-docker.pkg.dev/PROJECT-ID/REPOSITORY");
        throw new SettingsException(
            $"'{text}' is not a repository: write it as docker names it, {form}, " +
            "or as a resource name, projects/PROJECT-ID/locations/LOCATION/repositories/REPOSITORY.", form);
    }
}
