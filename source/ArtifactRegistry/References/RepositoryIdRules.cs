using System.Text.RegularExpressions;

namespace ArtifactRegistry.References;

/// <summary>
/// Artifact Registry repository ID rules: 1 to 63 lowercase letters, digits and hyphens, starting with a letter and
/// ending with a letter or digit. The gcr.io repositories (<c>gcr.io</c>, <c>us.gcr.io</c>, ...) are the only exceptions,
/// each in its own multi-region.
/// </summary>
internal static partial class RepositoryIdRules
{
    public const string Allowed =
        "A repository ID has 1 to 63 characters: lowercase letters, digits and hyphens, starting with a letter and " +
        "ending with a letter or digit.";

    /// <summary>Short reasons why <paramref name="repositoryId"/> cannot be a repository in <paramref name="locationId"/>.</summary>
    public static IReadOnlyList<string> FindViolations(string repositoryId, string? locationId)
    {
        var violations = new List<string>();
        if (GcrDomains.TryGetLocation(repositoryId, out var gcrLocation))
        {
            if (locationId is not null && locationId != gcrLocation)
                violations.Add($"the {repositoryId} repository always lives in location '{gcrLocation}', not '{locationId}'");
            return violations;
        }
        if (repositoryId.Length == 0)
        {
            violations.Add("it is empty");
            return violations;
        }
        if (repositoryId.Contains('_')) violations.Add("underscores ('_') are not allowed");
        if (repositoryId.Any(char.IsAsciiLetterUpper)) violations.Add("uppercase letters are not allowed");
        if (DisallowedCharacters.Describe(repositoryId, c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') is { } others)
            violations.Add(others);
        if (repositoryId.Length > 63) violations.Add($"it has {repositoryId.Length} characters, more than 63");
        if (!char.IsAsciiLetter(repositoryId[0])) violations.Add($"it starts with '{repositoryId[0]}', not a letter");
        if (repositoryId[^1] == '-') violations.Add("it ends with a hyphen");
        return violations;
    }

    public static string? SuggestFix(string repositoryId)
    {
        var candidate = NotAllowedPattern().Replace(repositoryId.ToLowerInvariant(), "-").Trim('-');
        return candidate != repositoryId && candidate.Length > 0 && FindViolations(candidate, null).Count == 0 ? candidate : null;
    }

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex NotAllowedPattern();
}
