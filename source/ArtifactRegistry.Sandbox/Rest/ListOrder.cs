namespace ArtifactRegistry.Sandbox.Rest;

/// <summary><c>orderBy</c>: comma-separated fields with optional <c>asc</c>/<c>desc</c>, field names in snake or camel case.</summary>
internal static class ListOrder
{
    public static IReadOnlyList<T> Apply<T>(IEnumerable<T> items, string? orderBy, IReadOnlyDictionary<string, Func<T, IComparable?>> fields, Func<T, string> name)
    {
        var keys = new List<(Func<T, IComparable?> Key, bool Descending)>();
        if (!string.IsNullOrWhiteSpace(orderBy))
        {
            foreach (var part in orderBy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var field = Snake(words[0]);
                if (!fields.TryGetValue(field, out var key) || words.Length > 2 || words.Length == 2 && words[1] is not ("asc" or "desc"))
                    throw GoogleApiException.InvalidArgument($"Invalid order_by \"{orderBy}\"; supported fields: {string.Join(", ", fields.Keys)} (each optionally followed by asc or desc)");
                keys.Add((key, words.Length == 2 && words[1] == "desc"));
            }
        }

        IOrderedEnumerable<T>? ordered = null;
        foreach (var (key, descending) in keys)
            ordered = ordered is null
                ? descending ? items.OrderByDescending(key) : items.OrderBy(key)
                : descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
        ordered = ordered is null ? items.OrderBy(name, StringComparer.Ordinal) : ordered.ThenBy(name, StringComparer.Ordinal);
        return ordered.ToList();
    }

    private static string Snake(string field)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in field)
        {
            if (char.IsUpper(c))
                builder.Append('_').Append(char.ToLowerInvariant(c));
            else
                builder.Append(c);
        }

        return builder.ToString();
    }
}
