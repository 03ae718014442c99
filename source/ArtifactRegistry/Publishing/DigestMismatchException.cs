using System.Text;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Publishing;

/// <summary>
/// The tags of one build do not all resolve to one digest: another build pushed one of them in between, or the registry
/// disagrees with what docker reported. Nothing downstream may deploy from such a push.
/// </summary>
public sealed class DigestMismatchException : Exception
{
    internal const string DockerSource = "docker push";
    internal const string RegistrySource = "registry";

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
        var missing = observations.Where(observation => observation.Source == RegistrySource && observation.Digest is null).Select(observation => observation.Tag).ToList();
        text.AppendLine().Append(missing.Count > 0
            ? $"The REST API does not know {string.Join(", ", missing.Select(tag => ":" + tag))}, which docker has just pushed: docker and the REST API " +
              "are probably talking to different registries (a host map or CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY left over from another " +
              "local registry or project), or the tag was deleted in between. Point both at the same registry and run the build again."
            : "Another build probably pushed the same tags at the same time. Run the build again, and keep concurrent builds from sharing tags " +
              "(serialise the jobs, or tag with the commit id only).");
        return text.ToString();
    }
}
