using System.Text;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Publishing;

/// <summary>
/// The tags of one build do not all resolve to one digest: another build pushed one of them in between, or the registry
/// disagrees with what docker reported. Nothing downstream may deploy from such a push.
/// </summary>
public sealed class DigestMismatchException : Exception
{
    internal DigestMismatchException(ImageReference image, IReadOnlyList<(string Tag, string Source, ImageDigest? Digest)> observations)
        : base(Describe(image, observations))
    {
        Image = image;
        Observations = observations;
    }

    /// <summary>The image, without tag.</summary>
    public ImageReference Image { get; }

    /// <summary>Each tag, where its digest was seen (docker push output or the registry), and the digest (null: the tag was not found).</summary>
    public IReadOnlyList<(string Tag, string Source, ImageDigest? Digest)> Observations { get; }

    private static string Describe(ImageReference image, IReadOnlyList<(string Tag, string Source, ImageDigest? Digest)> observations)
    {
        var text = new StringBuilder($"The tags pushed for {image.Name} do not resolve to one digest, so this push cannot be trusted:");
        foreach (var (tag, source, digest) in observations)
            text.AppendLine().Append($"   :{tag} → {digest?.ToString() ?? "(no such tag)"} ({source})");
        text.AppendLine().Append(
            "Another build probably pushed the same tags at the same time. Run the build again, and keep concurrent builds from sharing tags " +
            "(serialise the jobs, or tag with the commit id only).");
        return text.ToString();
    }
}
