using ArtifactRegistry.Hints;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Grants;

/// <summary>Reads the repository a grant or a check is about, in any of the forms people have at hand.</summary>
internal static class RepositoryArgument
{
    /// <exception cref="ArgumentException">Missing, or none of the forms; the message shows them.</exception>
    public static RepositoryName Parse(string? text, string operation, SettingName setting)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            var example = setting.With("asia-docker.pkg.dev/PROJECT-ID/REPOSITORY");
            throw new SettingsException($"{operation} was given no repository, so it does not know whose IAM policy to read: {example} (an image in it works too).", example);
        }
        text = text.Trim();
        if (RepositoryName.TryParse(text, out var name))
            return name;
        if (ImageReference.TryParse(text, out var image))
            return image.RepositoryName;
        // HOST/PROJECT/REPOSITORY reads as an image without its repository segment: with an image appended it is a full reference.
        if (ImageReference.TryParse(text.TrimEnd('/') + "/image", out var probe) && probe.ImagePath == "image")
            return probe.RepositoryName;
        var form = setting.With("asia-docker.pkg.dev/PROJECT-ID/REPOSITORY");
        throw new SettingsException(
            $"{operation}: '{text}' is not a repository. Write it as docker names it, {form}, as an image in it, " +
            "or as projects/PROJECT-ID/locations/LOCATION/repositories/REPOSITORY.", form);
    }
}
