namespace Nuke.Common.Execution;

/// <summary>The "did you mean" for a mistyped target or parameter name: the closest name by edit distance, if it is close enough.</summary>
internal static class NameSuggester
{
    public static string? Suggest(string typed, IEnumerable<string> names)
    {
        var candidates = names
            .Select(name => (Name: name, Distance: Distance(typed.ToLowerInvariant(), name.ToLowerInvariant())))
            .OrderBy(x => x.Distance)
            .ToList();

        var best = candidates.FirstOrDefault();
        if (best.Name == null)
            return null;

        var tolerance = Math.Max(2, typed.Length / 3);
        if (best.Distance <= tolerance)
            return best.Name;

        return names.FirstOrDefault(x => x.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ||
                                         typed.StartsWith(x, StringComparison.OrdinalIgnoreCase));
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), substitution);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
