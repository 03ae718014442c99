using System.Text.RegularExpressions;

namespace ArtifactRegistry.Pruning;

/// <summary>
/// A regular expression over tag names, searched as gcr-cleaner does (unanchored: <c>rc</c> matches <c>v1-rc2</c>; anchor with
/// <c>^…$</c>). .NET regular expressions have look-ahead, so <c>^(?!release-)</c> works too.
/// </summary>
public sealed class TagPattern : IEquatable<TagPattern>
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly Regex _regex;

    private TagPattern(string text, Regex regex)
    {
        Text = text;
        _regex = regex;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <param name="setting">The setting the pattern came from, named in the error (<c>KeepTags</c>).</param>
    /// <exception cref="InvalidPrunePolicyException">The text is empty or not a regular expression; the message quotes .NET's reason.</exception>
    public static TagPattern Parse(string pattern, string setting = "tag pattern")
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length == 0)
            throw new InvalidPrunePolicyException($"{setting}: an empty pattern matches every tag; write .* if that is really meant.");
        try
        {
            return new TagPattern(pattern, new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout));
        }
        catch (ArgumentException e)
        {
            throw new InvalidPrunePolicyException($"{setting}: '{pattern}' is not a regular expression: {e.Message}");
        }
    }

    /// <exception cref="InvalidPrunePolicyException">A pattern that takes over a second on one tag: nothing is deleted on a guess.</exception>
    public bool IsMatch(string tag)
    {
        try
        {
            return _regex.IsMatch(tag);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new InvalidPrunePolicyException(
                $"Tag pattern '{Text}' took over {MatchTimeout.TotalSeconds:0} s on tag '{tag}'; simplify it (nested repetitions such as (a+)+ backtrack for ever).");
        }
    }

    /// <summary>The pattern as written.</summary>
    public override string ToString() => Text;

    /// <summary>Whether both patterns have the same text.</summary>
    public bool Equals(TagPattern? other) => other is not null && other.Text == Text;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TagPattern);
    /// <inheritdoc/>
    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);
}
