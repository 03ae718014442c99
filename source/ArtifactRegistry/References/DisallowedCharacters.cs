namespace ArtifactRegistry.References;

/// <summary>Names the characters an ID or name may not hold, the same way in every rule's message.</summary>
internal static class DisallowedCharacters
{
    /// <summary><c>'$' is not allowed</c>, <c>'+', '/' are not allowed</c>; null when there are none.</summary>
    public static string? Describe(string text, Func<char, bool> isAllowed)
    {
        var characters = text.Where(c => !isAllowed(c)).Distinct().ToList();
        return characters.Count == 0 ? null : $"{Quoted(characters)} {(characters.Count == 1 ? "is" : "are")} not allowed";
    }

    /// <summary><c>'x', 'y', 'z'</c>.</summary>
    public static string Quoted(IEnumerable<char> characters) => string.Join(", ", characters.Select(c => $"'{c}'"));
}
