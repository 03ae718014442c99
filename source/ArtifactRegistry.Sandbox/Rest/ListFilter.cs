using System.Text;
using System.Text.RegularExpressions;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary>
/// The list filters Artifact Registry accepts (AIP-160 subset): <c>key = "value"</c>, <c>key != "value"</c>, <c>key:"value"</c>,
/// values with <c>*</c> wildcards, <c>NOT</c>/<c>-</c>, joined by <c>AND</c> and <c>OR</c> (OR binds tighter, as in AIP-160).
/// Keys are resolved by the caller (<c>name</c>, <c>version</c>, <c>annotations.KEY</c>).
/// </summary>
internal sealed class ListFilter
{
    private readonly List<List<Term>> _conjunction;

    private ListFilter(List<List<Term>> conjunction) => _conjunction = conjunction;

    public static ListFilter? Parse(string? text, IReadOnlySet<string> keys)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var conjunction = new List<List<Term>>();
        foreach (var clause in SplitOutsideQuotes(text, " AND "))
        {
            var disjunction = new List<Term>();
            foreach (var part in SplitOutsideQuotes(clause.Trim().TrimStart('(').TrimEnd(')'), " OR "))
                disjunction.Add(Term.Parse(part.Trim(), keys, text));
            conjunction.Add(disjunction);
        }

        return new ListFilter(conjunction);
    }

    /// <summary>True when the item matches; <paramref name="values"/> gives the item's values for a key (none when absent).</summary>
    public bool Matches(Func<string, IEnumerable<string>> values) =>
        _conjunction.All(disjunction => disjunction.Any(term => term.Matches(values)));

    private static List<string> SplitOutsideQuotes(string text, string separator)
    {
        var parts = new List<string>();
        var quoted = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
                quoted = !quoted;
            else if (!quoted && string.CompareOrdinal(text, i, separator, 0, separator.Length) == 0)
            {
                parts.Add(text[start..i]);
                start = i + separator.Length;
                i = start - 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private sealed record Term(string Key, string Operator, string Value, bool Negated)
    {
        private static readonly Regex Shape = new(@"^(?<key>[A-Za-z_][A-Za-z0-9_.]*(?:\.""[^""]*"")?)\s*(?<op>!=|=|:)\s*(?<value>""(?:[^""\\]|\\.)*""|\S+)$", RegexOptions.CultureInvariant);

        private Regex? _pattern;

        public static Term Parse(string text, IReadOnlySet<string> keys, string whole)
        {
            var negated = false;
            if (text.StartsWith("NOT ", StringComparison.Ordinal))
            {
                negated = true;
                text = text[4..].TrimStart();
            }
            else if (text.StartsWith('-'))
            {
                negated = true;
                text = text[1..];
            }

            var match = Shape.Match(text);
            if (!match.Success)
                throw GoogleApiException.InvalidArgument($"Invalid filter: \"{whole}\"");
            var key = match.Groups["key"].Value;
            var root = key.Split('.', 2)[0];
            if (!keys.Contains(key) && !keys.Contains(root + ".*"))
                throw GoogleApiException.InvalidArgument($"Invalid filter: unsupported field \"{key}\" in \"{whole}\"; supported: {string.Join(", ", keys)}");
            var value = match.Groups["value"].Value;
            if (value.Length >= 2 && value[0] == '"')
                value = Regex.Unescape(value[1..^1]);
            return new Term(key.Replace("\"", "", StringComparison.Ordinal), match.Groups["op"].Value, value, negated);
        }

        public bool Matches(Func<string, IEnumerable<string>> values)
        {
            var candidates = values(Key);
            var result = Operator switch
            {
                ":" when Value == "*" => candidates.Any(),
                ":" => candidates.Any(c => Pattern(substring: true).IsMatch(c)),
                "!=" => !candidates.Any(c => Pattern(substring: false).IsMatch(c)),
                _ => candidates.Any(c => Pattern(substring: false).IsMatch(c)),
            };
            return result != Negated;
        }

        private Regex Pattern(bool substring)
        {
            if (_pattern is not null)
                return _pattern;
            var builder = new StringBuilder(substring ? "" : "^");
            foreach (var piece in Value.Split('*'))
                builder.Append(Regex.Escape(piece)).Append(".*");
            builder.Length -= 2;
            if (!substring)
                builder.Append('$');
            return _pattern = new Regex(builder.ToString(), RegexOptions.CultureInvariant);
        }
    }
}
