namespace ArtifactRegistry.Pruning;

/// <summary>Which tagged versions a prune may delete: those whose tags match <see cref="Pattern"/>, any or all of them.</summary>
public sealed record TagFilter(TagPattern Pattern, TagFilterMatch Match)
{
    /// <summary>The tags of <paramref name="tags"/> that match, when the filter as a whole matches; otherwise empty.</summary>
    public IReadOnlyList<string> Matching(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var matching = tags.Where(Pattern.IsMatch).ToList();
        var matches = Match == TagFilterMatch.Any ? matching.Count > 0 : tags.Count > 0 && matching.Count == tags.Count;
        return matches ? matching : [];
    }

    /// <summary>The filter in words: <c>any tag matching '^pr-'</c>.</summary>
    public override string ToString() => $"{(Match == TagFilterMatch.Any ? "any" : "every")} tag matching '{Pattern}'";
}
