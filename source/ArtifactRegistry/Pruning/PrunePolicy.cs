using System.Collections.Immutable;
using System.Globalization;

namespace ArtifactRegistry.Pruning;

/// <summary>
/// Which versions a prune deletes. By default every untagged version, at once; nothing tagged. Protections in order of
/// strength: a digest in use, a tag matching <see cref="KeepTags"/>, a tag at all (unless <see cref="DeleteTagged"/> selects it),
/// the <see cref="OlderThan"/> grace, then the <see cref="KeepMostRecent"/> newest of what is left, per package.
/// </summary>
public sealed record PrunePolicy
{
    /// <summary>Every untagged version, at once; nothing tagged.</summary>
    public static PrunePolicy Default { get; } = new();

    private readonly TimeSpan _olderThan;
    private readonly int _keepMostRecent;

    /// <summary>Grace period: a version uploaded less than this long ago is kept.</summary>
    public TimeSpan OlderThan
    {
        get => _olderThan;
        init => _olderThan = value >= TimeSpan.Zero ? value
            : throw new InvalidPrunePolicyException($"OlderThan is {value}, but a grace period cannot be negative: give 0 for none, or e.g. 7 days.");
    }

    /// <summary>Per package, the newest versions the policy would otherwise delete that are kept anyway (for rollbacks).</summary>
    public int KeepMostRecent
    {
        get => _keepMostRecent;
        init => _keepMostRecent = value >= 0 ? value
            : throw new InvalidPrunePolicyException($"KeepMostRecent is {value}, but a number of versions to keep cannot be negative: give 0 to keep none.");
    }

    /// <summary>Opt-in: tagged versions whose tags match are deleted too (tags first). Null: nothing tagged is deleted.</summary>
    public TagFilter? DeleteTagged { get; init; }

    /// <summary>A version with a tag matching any of these is always kept, whatever else says.</summary>
    public ImmutableArray<TagPattern> KeepTags { get; init; } = [];

    /// <summary>The first keep pattern matching one of <paramref name="tags"/>, with that tag.</summary>
    public (string Tag, TagPattern Pattern)? KeptTag(IReadOnlyList<string> tags)
    {
        foreach (var pattern in KeepTags)
            foreach (var tag in tags)
                if (pattern.IsMatch(tag))
                    return (tag, pattern);
        return null;
    }

    /// <summary>For logs: <c>untagged only, older than 7 d, keeping the 3 most recent per package, never tags matching '^v'</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string> { DeleteTagged is null ? "untagged only" : $"untagged and {DeleteTagged}" };
        if (OlderThan > TimeSpan.Zero)
            parts.Add($"older than {PruneFormat.Duration(OlderThan)}");
        if (KeepMostRecent > 0)
            parts.Add($"keeping the {KeepMostRecent.ToString(CultureInfo.InvariantCulture)} most recent per package");
        if (KeepTags.Length > 0)
            parts.Add($"never tags matching {string.Join(" or ", KeepTags.Select(p => $"'{p}'"))}");
        return string.Join(", ", parts);
    }
}
