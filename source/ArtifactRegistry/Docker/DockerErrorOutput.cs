namespace ArtifactRegistry.Docker;

/// <summary>Picks what docker said about a failure out of its standard error, leaving out notices that are not about it.</summary>
internal static class DockerErrorOutput
{
    public const int MaximumLines = 12;

    /// <summary>
    /// The lines that explain the failure: from buildx's first <c>ERROR</c> line on, otherwise the last
    /// <see cref="MaximumLines"/> lines, without the legacy builder's deprecation notice and blank lines.
    /// </summary>
    public static IReadOnlyList<string> LastErrorLines(IEnumerable<string> standardError)
    {
        var lines = WithoutNotices(standardError).ToList();
        var firstError = lines.FindIndex(line => line.StartsWith("ERROR", StringComparison.Ordinal));
        var relevant = firstError >= 0 ? lines.Skip(firstError) : lines;
        return relevant.TakeLast(MaximumLines).ToArray();
    }

    public static IEnumerable<string> WithoutNotices(IEnumerable<string> standardError)
    {
        var inDeprecationNotice = false;
        foreach (var raw in standardError)
        {
            var line = raw.TrimEnd();
            if (line.StartsWith("DEPRECATED: The legacy builder is deprecated", StringComparison.Ordinal))
            {
                inDeprecationNotice = true;
                continue;
            }
            // The notice continues with indented lines ("Install the buildx component…", a URL).
            if (inDeprecationNotice && (line.Length == 0 || char.IsWhiteSpace(raw[0])))
                continue;
            inDeprecationNotice = false;
            if (line.Length > 0)
                yield return line;
        }
    }
}
