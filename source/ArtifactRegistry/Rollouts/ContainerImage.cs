using ArtifactRegistry.References;

namespace ArtifactRegistry.Rollouts;

/// <summary>
/// An image as a pod template or a pod status writes it, read loosely: any registry may appear there (<c>nginx:1.27</c>,
/// <c>…/app:abc1234@sha256:…</c>, <c>docker-pullable://…@sha256:…</c> in <c>imageID</c>), so nothing here is refused.
/// </summary>
/// <param name="Name">Registry and path, without tag or digest: <c>asia-docker.pkg.dev/p/repo/app</c>.</param>
/// <param name="Tag">The tag as written, or null.</param>
/// <param name="Digest">The digest, when the text pins one.</param>
public sealed record ContainerImage(string Name, string? Tag, ImageDigest? Digest)
{
    private const string PullableScheme = "docker-pullable://";
    private const string DockerScheme = "docker://";

    /// <summary>Reads an image as a pod template or status writes it (a <c>docker-pullable://</c> scheme is dropped); never throws for a malformed text.</summary>
    public static ContainerImage Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.Trim();
        foreach (var scheme in new[] { PullableScheme, DockerScheme })
            if (rest.StartsWith(scheme, StringComparison.Ordinal))
                rest = rest[scheme.Length..];

        ImageDigest? digest = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            ImageDigest.TryParse(rest[(at + 1)..], out digest);
            rest = rest[..at];
        }
        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
        }
        return new ContainerImage(rest, tag, digest);
    }

    /// <summary>Whether this is <paramref name="image"/>'s repository and digest (tags aside): the same bytes from the same place.</summary>
    public bool IsSameImage(ImageReference image) =>
        image.HasDigest && Digest == image.Digest && string.Equals(Name, image.Name, StringComparison.Ordinal);
}
