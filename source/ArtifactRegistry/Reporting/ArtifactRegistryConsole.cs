using ArtifactRegistry.References;

namespace ArtifactRegistry.Reporting;

/// <summary>Pages of the Google Cloud console, for the links of the step summary.</summary>
internal static class ArtifactRegistryConsole
{
    /// <summary>The page of one image version: <c>https://console.cloud.google.com/artifacts/docker/PROJECT/LOCATION/REPOSITORY/IMAGE/sha256:…?project=PROJECT</c>.</summary>
    public static string ImageUrl(ImageReference image)
    {
        var project = Uri.EscapeDataString(image.ProjectId);
        var path = $"https://console.cloud.google.com/artifacts/docker/{project}/{Uri.EscapeDataString(image.Location)}/{Uri.EscapeDataString(image.Repository)}/{Uri.EscapeDataString(image.ImagePath)}";
        if (image.Digest is { } digest)
            path += "/" + digest;
        return $"{path}?project={project}";
    }
}
