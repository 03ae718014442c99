using ArtifactRegistry.References;

namespace ArtifactRegistry.Rollouts;

/// <summary>
/// What SetImage does to one container: pin it to <see cref="Target"/>, unless it already runs that digest of that image.
/// kubectl's <c>set image</c> compares the whole string and sends nothing when it is equal, so a re-pushed <c>:latest</c> never
/// rolls out; comparing digests makes every new build roll out and an unchanged one a no-op.
/// </summary>
public sealed record ImageChange
{
    private ImageChange(PodTemplateContainer container, ImageReference target, ContainerImage? current)
    {
        Container = container;
        Target = target;
        Current = current;
    }

    /// <exception cref="ArgumentException">The target image is not pinned to a digest.</exception>
    public static ImageChange For(PodTemplateContainer container, ImageReference target)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(target);
        if (!target.HasDigest)
            throw new ArgumentException($"SetImage deploys images pinned to a digest only; '{target}' has none.", nameof(target));
        return new ImageChange(container, target, container.Image is { } image ? ContainerImage.Read(image) : null);
    }

    /// <summary>
    /// A dry run's change to the image a build has not made yet: <paramref name="target"/> is <c>IMAGE:TAG</c>, its digest unknown,
    /// so the change is never <see cref="IsUnchanged"/>.
    /// </summary>
    internal static ImageChange ForNextBuild(PodTemplateContainer container, ImageReference target) =>
        new(container, target, container.Image is { } image ? ContainerImage.Read(image) : null) { IsNextBuild = true };

    /// <summary>The target is the image of the next build, whose digest is not known yet.</summary>
    internal bool IsNextBuild { get; private init; }

    /// <summary>The container of the pod template being changed.</summary>
    public PodTemplateContainer Container { get; }

    /// <summary>The digest-pinned image to deploy: <c>IMAGE:TAG@sha256:…</c>.</summary>
    public ImageReference Target { get; }

    /// <summary>What the pod template has now, or null when it has no image.</summary>
    public ContainerImage? Current { get; }

    /// <summary>The digest the container ran before, when its image was pinned to one.</summary>
    public ImageDigest? PreviousDigest => Current?.Digest;

    /// <summary>Whether the template already has this image's digest: nothing is patched.</summary>
    public bool IsUnchanged => !IsNextBuild && Current is not null && Current.IsSameImage(Target);
}
