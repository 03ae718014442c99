using System.Text.RegularExpressions;

namespace ArtifactRegistry.References;

/// <summary>
/// Google Cloud project ID rules: 6 to 30 characters of lowercase letters, digits and hyphens, starting with a letter,
/// not ending with a hyphen. A domain-scoped project is <c>example.com:my-project</c> (the part after the colon follows
/// the same rules) and is written <c>example.com/my-project</c> in image paths.
/// </summary>
internal static partial class ProjectIdRules
{
    public const string Allowed =
        "A project ID has 6 to 30 characters: lowercase letters, digits and hyphens, starting with a letter and not " +
        "ending with a hyphen (a domain-scoped project is example.com:my-project, written example.com/my-project in an image path).";

    public static bool IsValid(string projectId) => FindViolations(projectId).Count == 0;

    /// <summary>Short reasons why <paramref name="projectId"/> is not a project ID; empty when it is one.</summary>
    public static IReadOnlyList<string> FindViolations(string projectId)
    {
        var colon = projectId.IndexOf(':');
        if (colon < 0) return FindPlainViolations(projectId);

        var violations = new List<string>();
        var domain = projectId[..colon];
        if (!DomainPattern().IsMatch(domain))
            violations.Add($"'{domain}' is not a valid domain for a domain-scoped project (lowercase DNS labels separated by dots)");
        violations.AddRange(FindPlainViolations(projectId[(colon + 1)..]));
        return violations;
    }

    /// <summary>A plausible valid ID close to <paramref name="projectId"/> (<c>sample_project</c> → <c>sample-project</c>), or null.</summary>
    public static string? SuggestFix(string projectId)
    {
        var colon = projectId.IndexOf(':');
        var prefix = colon < 0 ? "" : projectId[..(colon + 1)].ToLowerInvariant();
        var name = colon < 0 ? projectId : projectId[(colon + 1)..];
        var fixedName = NotAllowedPattern().Replace(name.ToLowerInvariant(), "-").TrimEnd('-');
        var candidate = prefix + fixedName;
        return candidate != projectId && IsValid(candidate) ? candidate : null;
    }

    private static List<string> FindPlainViolations(string id)
    {
        var violations = new List<string>();
        if (id.Length == 0)
        {
            violations.Add("it is empty");
            return violations;
        }
        if (id.All(char.IsAsciiDigit))
        {
            violations.Add("it is all digits, so it looks like a project number, but image paths and resource names here " +
                           $"take the project ID (`gcloud projects describe {id} --format=\"value(projectId)\"` prints it)");
            return violations;
        }
        if (id.Contains('_')) violations.Add("underscores ('_') are not allowed");
        if (id.Any(char.IsAsciiLetterUpper)) violations.Add("uppercase letters are not allowed");
        if (DisallowedCharacters.Describe(id, c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') is { } others) violations.Add(others);
        if (id.Length is < 6 or > 30) violations.Add($"it has {id.Length} character{(id.Length == 1 ? "" : "s")}, not 6 to 30");
        if (!char.IsAsciiLetter(id[0])) violations.Add($"it starts with '{id[0]}', not a letter");
        if (id[^1] == '-') violations.Add("it ends with a hyphen");
        return violations;
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex NotAllowedPattern();
}
