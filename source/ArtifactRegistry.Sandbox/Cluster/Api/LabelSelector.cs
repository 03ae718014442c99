using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Api;

/// <summary>
/// A label selector as the API server reads <c>?labelSelector=</c>: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>,
/// <c>a notin (x)</c>, <c>a</c>, <c>!a</c>, comma-separated and ANDed. Also the structured form of a deployment's selector.
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Func<IDictionary<string, string>?, bool>> _requirements = [];

    public static LabelSelector Everything { get; } = new();

    public bool IsEmpty => _requirements.Count == 0;

    /// <exception cref="KubeStatus">400 when the text is not a selector.</exception>
    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text))
            return selector;
        foreach (var part in SplitTopLevel(text))
        {
            var term = part.Trim();
            if (term.Length == 0)
                continue;
            var inAt = IndexOfWord(term, " in ");
            var notInAt = IndexOfWord(term, " notin ");
            if (notInAt > 0)
                selector.AddSet(term[..notInAt].Trim(), Values(term[(notInAt + 7)..]), negate: true);
            else if (inAt > 0)
                selector.AddSet(term[..inAt].Trim(), Values(term[(inAt + 4)..]), negate: false);
            else if (term.Contains("!=", StringComparison.Ordinal))
                selector.AddEquality(term[..term.IndexOf("!=", StringComparison.Ordinal)].Trim(), term[(term.IndexOf("!=", StringComparison.Ordinal) + 2)..].Trim(), negate: true);
            else if (term.Contains("==", StringComparison.Ordinal))
                selector.AddEquality(term[..term.IndexOf("==", StringComparison.Ordinal)].Trim(), term[(term.IndexOf("==", StringComparison.Ordinal) + 2)..].Trim(), negate: false);
            else if (term.Contains('=', StringComparison.Ordinal))
                selector.AddEquality(term[..term.IndexOf('=')].Trim(), term[(term.IndexOf('=') + 1)..].Trim(), negate: false);
            else if (term.StartsWith('!'))
                selector.AddExists(Key(term[1..].Trim()), negate: true);
            else
                selector.AddExists(Key(term), negate: false);
        }

        return selector;
    }

    /// <summary>A deployment's or replica set's <c>spec.selector</c>; an empty one selects nothing, as the controllers treat it.</summary>
    public static LabelSelector From(V1LabelSelector? structured)
    {
        var selector = new LabelSelector();
        if (structured is null)
        {
            selector._requirements.Add(_ => false);
            return selector;
        }

        foreach (var (key, value) in structured.MatchLabels ?? new Dictionary<string, string>())
            selector.AddEquality(key, value, negate: false);
        foreach (var expression in structured.MatchExpressions ?? [])
        {
            switch (expression.OperatorProperty)
            {
                case "In":
                    selector.AddSet(expression.Key, [.. expression.Values ?? []], negate: false);
                    break;
                case "NotIn":
                    selector.AddSet(expression.Key, [.. expression.Values ?? []], negate: true);
                    break;
                case "Exists":
                    selector.AddExists(expression.Key, negate: false);
                    break;
                case "DoesNotExist":
                    selector.AddExists(expression.Key, negate: true);
                    break;
            }
        }

        if (selector.IsEmpty)
            selector._requirements.Add(_ => false);
        return selector;
    }

    /// <summary>The <c>a=b,c=d</c> text kubectl and the status' <c>selector</c> field use.</summary>
    public static string Format(V1LabelSelector? structured)
    {
        var parts = (structured?.MatchLabels ?? new Dictionary<string, string>()).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value).ToList();
        foreach (var e in structured?.MatchExpressions ?? [])
            parts.Add(e.OperatorProperty switch
            {
                "In" => $"{e.Key} in ({string.Join(",", e.Values ?? [])})",
                "NotIn" => $"{e.Key} notin ({string.Join(",", e.Values ?? [])})",
                "Exists" => e.Key,
                _ => "!" + e.Key,
            });
        return string.Join(",", parts);
    }

    public bool Matches(IDictionary<string, string>? labels) => _requirements.TrueForAll(r => r(labels));

    private void AddEquality(string key, string value, bool negate)
    {
        Key(key);
        _requirements.Add(labels => (labels is not null && labels.TryGetValue(key, out var v) && v == value) != negate);
    }

    private void AddSet(string key, string[] values, bool negate)
    {
        Key(key);
        _requirements.Add(labels => (labels is not null && labels.TryGetValue(key, out var v) && values.Contains(v)) != negate);
    }

    private void AddExists(string key, bool negate) =>
        _requirements.Add(labels => (labels is not null && labels.ContainsKey(key)) != negate);

    private static string Key(string key) =>
        key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '=' or '!')
            ? throw KubeStatus.BadRequest($"unable to parse requirement: invalid label key \"{key}\"")
            : key;

    private static string[] Values(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('(') || !trimmed.EndsWith(')'))
            throw KubeStatus.BadRequest($"unable to parse requirement: found '{trimmed}', expected: '('");
        return trimmed[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    private static int IndexOfWord(string term, string word) => term.IndexOf(word, StringComparison.Ordinal);

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(')
                depth++;
            else if (text[i] == ')')
                depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
