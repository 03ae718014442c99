namespace ArtifactRegistry.Testing.Processes;

/// <summary>The last lines of a program's output, short enough for an assertion message.</summary>
internal static class OutputTail
{
    public static string Of(string text, int lines = 30)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "  (empty)";

        var all = text.TrimEnd().Split('\n');
        var kept = all.Length <= lines ? all : all[^lines..];
        var prefix = all.Length <= lines ? "" : $"  … {all.Length - lines} earlier lines{Environment.NewLine}";
        return prefix + string.Join(Environment.NewLine, kept.Select(line => "  " + line.TrimEnd('\r')));
    }
}
