using System.Text;
using ArtifactRegistry.FileSystem;

namespace ArtifactRegistry.Reporting;

/// <summary>
/// The first image as a dotenv file for GitLab's <c>artifacts:reports:dotenv</c>: <c>IMAGE</c>, <c>IMAGE_DIGEST</c>,
/// <c>IMAGE_TAGS</c> (comma-separated) and <c>IMAGE_WITH_DIGEST</c>, one <c>KEY=value</c> a line (GitLab reads no quotes and
/// no multi-line values); empty when no image was pushed, so the report exists whatever happened.
/// </summary>
internal static class DotenvFile
{
    public static string Render(RunResult result)
    {
        if (result.Images is not [var image, ..])
            return "";
        var text = new StringBuilder();
        text.Append("IMAGE=").Append(image.Name).Append('\n');
        text.Append("IMAGE_DIGEST=").Append(image.Digest).Append('\n');
        text.Append("IMAGE_TAGS=").Append(string.Join(',', image.Tags)).Append('\n');
        text.Append("IMAGE_WITH_DIGEST=").Append(image.ImageWithDigest).Append('\n');
        return text.ToString();
    }

    public static void Write(string path, RunResult result) => AtomicFile.Write(path, Encoding.UTF8.GetBytes(Render(result)));
}
