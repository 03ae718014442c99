using ArtifactRegistry.References;

namespace ArtifactRegistry.InUse;

/// <summary>
/// The images the given clusters use, by digest: what pods run, and what workloads and replica sets (rollback targets) would
/// start. Pruning spares every digest listed here.
/// </summary>
public sealed record ImagesInUse
{
    /// <summary>The kube contexts that were read.</summary>
    public required IReadOnlyList<string> KubeContexts { get; init; }

    /// <summary>Every image use found: pod, workload or replica set, with its digest if pinned.</summary>
    public required IReadOnlyList<ImageUse> Uses { get; init; }

    /// <summary>Every digest in use, whatever its repository.</summary>
    public IReadOnlySet<ImageDigest> Digests => Uses.Where(use => use.Digest is not null).Select(use => use.Digest!).ToHashSet();

    /// <summary>Templates naming an image by tag only: their digest is whatever the tag names when a pod starts.</summary>
    public IReadOnlyList<ImageUse> Unpinned => Uses.Where(use => use.Digest is null).ToList();

    /// <summary>Whether <paramref name="image"/>'s digest is used under its name (<c>HOST/PROJECT/REPO/IMAGE</c>).</summary>
    public bool IsInUse(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.HasDigest && Uses.Any(use => use.Digest == image.Digest && use.Image.Name == image.Name);
    }

    /// <summary>Where <paramref name="digest"/> is used, for a pruning report.</summary>
    public IReadOnlyList<ImageUse> UsesOf(ImageDigest digest) => Uses.Where(use => use.Digest == digest).ToList();
}
