using System.Text.RegularExpressions;

namespace ArtifactRegistry.References;

/// <summary>
/// The Docker distribution grammar for the image part of a name: '/'-separated components, each of lowercase letters
/// and digits joined by '.', '_', '__' or a run of '-'.
/// </summary>
internal static partial class ImagePathRules
{
    public const string Allowed =
        "An image path is one or more '/'-separated components of lowercase letters and digits, joined inside a " +
        "component by '.', '_', '__' or hyphens (sample-api, team/app, my_app.v2).";

    /// <summary>Short reasons why <paramref name="imagePath"/> is not a valid image path; empty when it is one.</summary>
    public static IReadOnlyList<string> FindViolations(string imagePath)
    {
        var violations = new List<string>();
        if (imagePath.Length == 0)
        {
            violations.Add("it is empty");
            return violations;
        }
        foreach (var component in imagePath.Split('/'))
        {
            if (component.Length == 0)
            {
                violations.Add("it has an empty component ('//' or a '/' at an end)");
                continue;
            }
            if (ComponentPattern().IsMatch(component)) continue;
            violations.Add(DescribeComponent(component));
        }
        return violations;
    }

    public static bool IsValid(string imagePath) => FindViolations(imagePath).Count == 0;

    private static string DescribeComponent(string component)
    {
        var reasons = new List<string>();
        if (component.Any(char.IsAsciiLetterUpper))
            reasons.Add($"uppercase letters are not allowed (image names are lowercase: '{component.ToLowerInvariant()}')");
        if (DisallowedCharacters.Describe(component, c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') is { } others)
            reasons.Add(others);
        if (reasons.Count == 0)
            reasons.Add("separators ('.', '_', '__', '-') must stand between letters or digits, never at an end or doubled like '..' or '___'");
        return $"component '{component}': {string.Join("; ", reasons)}";
    }

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex ComponentPattern();
}
