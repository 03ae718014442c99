using ArtifactRegistry.References;

namespace ArtifactRegistry.Publishing;

/// <summary>The rule every push must pass before its digest is handed on: all tags, as docker and the registry saw them, name one digest.</summary>
internal static class DigestAgreement
{
    /// <summary>The digest every push reported, or null when docker printed none.</summary>
    /// <exception cref="DigestMismatchException">Two pushes reported different digests.</exception>
    public static ImageDigest? OfPushes(ImageReference image, IReadOnlyList<string> tags, IReadOnlyList<ImageDigest?> pushed)
    {
        var reported = pushed.OfType<ImageDigest>().Distinct().ToList();
        if (reported.Count > 1)
            throw new DigestMismatchException(image, tags.Select((tag, i) => (tag, DigestMismatchException.DockerSource, pushed[i])).ToList());
        return reported.SingleOrDefault();
    }

    /// <summary>The digest confirmed by the registry for every tag, equal to what docker pushed (when docker said).</summary>
    /// <exception cref="DigestMismatchException">A tag is missing in the registry or names another digest.</exception>
    public static ImageDigest Confirm(ImageReference image, IReadOnlyList<string> tags, IReadOnlyList<ImageDigest?> pushed, IReadOnlyList<ImageDigest?> inRegistry)
    {
        var expected = OfPushes(image, tags, pushed) ?? inRegistry.FirstOrDefault(digest => digest is not null);
        if (expected is not null && inRegistry.All(digest => digest == expected))
            return expected;
        var observations = new List<(string, string, ImageDigest?)>();
        for (var i = 0; i < tags.Count; i++)
        {
            observations.Add((tags[i], DigestMismatchException.DockerSource, pushed[i]));
            observations.Add((tags[i], DigestMismatchException.RegistrySource, inRegistry[i]));
        }
        throw new DigestMismatchException(image, observations);
    }
}
