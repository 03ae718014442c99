using System.Text.RegularExpressions;

namespace ArtifactRegistry.Testing.CiFiles;

/// <summary>The rows of the Markdown tables in a text (a job summary): each row split into trimmed cells, <c>\|</c> kept inside a cell.</summary>
public static partial class MarkdownTable
{
    /// <summary>Each table row as its cells, the header included and the <c>|---|</c> separator left out.</summary>
    public static IReadOnlyList<string[]> Rows(string markdown) => markdown.Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.Length > 1 && line.StartsWith('|') && line.EndsWith('|') && !Separator().IsMatch(line))
        .Select(line => CellBorder().Split(line[1..^1]).Select(cell => cell.Trim().Replace("\\|", "|", StringComparison.Ordinal)).ToArray())
        .ToList();

    [GeneratedRegex(@"^\|[\s\-:|]+\|$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellBorder();
}
