using System.Text.RegularExpressions;

namespace ArtifactRegistry.References;

/// <summary>
/// Tag grammars. A Docker tag is <c>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}</c>; an Artifact Registry tag ID (the last segment of
/// a tag resource name) allows <c>[a-zA-Z0-9-._~:@]</c>, so every Docker tag is a tag ID but not the other way round.
/// </summary>
internal static partial class TagRules
{
    public const string DockerAllowed =
        "A Docker tag has 1 to 128 characters: letters, digits, '_', '.' and '-', not starting with '.' or '-'.";

    public const string TagIdAllowed = "An Artifact Registry tag ID uses letters, digits and '-', '.', '_', '~', ':', '@'.";

    /// <summary>Why <paramref name="tag"/> is not a Docker tag, or null when it is one.</summary>
    public static string? FindDockerTagViolation(string tag)
    {
        if (tag.Length == 0) return "the tag after ':' is empty";
        if (DockerTagPattern().IsMatch(tag)) return null;

        var reasons = new List<string>();
        if (DisallowedCharacters.Describe(tag, c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-') is { } others)
            reasons.Add(others);
        if (tag[0] is '.' or '-') reasons.Add($"it starts with '{tag[0]}'");
        if (tag.Length > 128) reasons.Add($"it has {tag.Length} characters, more than 128");
        return $"'{tag}' is not a valid tag: {string.Join("; ", reasons)}";
    }

    /// <summary>Why <paramref name="tagId"/> is not an Artifact Registry tag ID, or null when it is one.</summary>
    public static string? FindTagIdViolation(string tagId)
    {
        if (tagId.Length == 0) return "the tag ID is empty";
        if (TagIdPattern().IsMatch(tagId)) return null;
        return $"'{tagId}' is not a valid tag ID: {DisallowedCharacters.Describe(tagId, c => char.IsAsciiLetterOrDigit(c) || "-._~:@".Contains(c))}";
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex DockerTagPattern();

    [GeneratedRegex("^[a-zA-Z0-9._~:@-]+$")]
    private static partial Regex TagIdPattern();
}
