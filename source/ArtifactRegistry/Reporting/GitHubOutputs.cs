using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ArtifactRegistry.Reporting;

/// <summary>
/// Step outputs for GitHub Actions, appended to the file <c>GITHUB_OUTPUT</c> names: <c>image</c>, <c>digest</c>, <c>tags</c>
/// (one a line), <c>image-with-digest</c> of the first image, and <c>images</c>, every image as one JSON array. A value with a
/// line break is written as <c>name&lt;&lt;DELIMITER</c>, the lines, <c>DELIMITER</c>, with a delimiter no value contains;
/// a later value of the same name replaces the earlier one, as the runner reads the file.
/// </summary>
internal static class GitHubOutputs
{
    public const string Variable = "GITHUB_OUTPUT";

    public static string Render(RunResult result)
    {
        if (result.Images is not [var first, ..])
            return "";
        var text = new StringBuilder();
        Append(text, "image", first.Name);
        Append(text, "digest", first.Digest);
        Append(text, "tags", string.Join('\n', first.Tags));
        Append(text, "image-with-digest", first.ImageWithDigest);
        Append(text, "images", JsonSerializer.Serialize(result.Images.Select(image => new
        {
            name = image.Name,
            reference = image.Reference,
            digest = image.Digest,
            imageWithDigest = image.ImageWithDigest,
            tags = image.Tags,
        })));
        return text.ToString();
    }

    public static void Append(string path, RunResult result)
    {
        var text = Render(result);
        if (text.Length > 0)
            File.AppendAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static void Append(StringBuilder text, string name, string value)
    {
        if (!value.Contains('\n') && !value.Contains('\r'))
        {
            text.Append(name).Append('=').Append(value).Append('\n');
            return;
        }

        string delimiter;
        do
            delimiter = "ghadelimiter_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        while (value.Contains(delimiter, StringComparison.Ordinal));
        text.Append(name).Append("<<").Append(delimiter).Append('\n').Append(value).Append('\n').Append(delimiter).Append('\n');
    }
}
