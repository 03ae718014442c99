using System.Text.RegularExpressions;

namespace ArtifactRegistry.Docker;

/// <summary>Picks what docker said about a failure out of its output, leaving out notices and bookkeeping that are not about it.</summary>
internal static partial class DockerErrorOutput
{
    public const int MaximumLines = 12;

    /// <summary>
    /// The lines of standard error that explain the failure: buildx's summary of the failing step (<c> &gt; [2/3] RUN …:</c>
    /// with that step's last output) and its <c>ERROR</c> lines; otherwise from the first <c>ERROR</c> line on; otherwise the
    /// last <see cref="MaximumLines"/> lines. The legacy builder's deprecation notice, colours and blank lines are left out.
    /// </summary>
    public static IReadOnlyList<string> LastErrorLines(IEnumerable<string> standardError)
    {
        var lines = WithoutNotices(standardError).ToList();
        // buildx ends a failed build with "------", " > [2/3] RUN make:", the step's last output lines, "------", an excerpt of
        // the Dockerfile, then "ERROR: failed to solve: …": the step's own output is what tells why it failed.
        var failedStep = lines.FindLastIndex(line => BuildxFailedStepSummary().IsMatch(line));
        if (failedStep >= 0)
        {
            var end = lines.FindIndex(failedStep, line => line.StartsWith("------", StringComparison.Ordinal));
            var summary = lines[failedStep..(end < 0 ? lines.Count : end)];
            var errors = lines.Skip(failedStep).Where(line => line.StartsWith("ERROR", StringComparison.Ordinal)).ToList();
            // The BuildKit client of CLI 20.10 leaves the step's output out of the summary, and ends with its verdict without "ERROR:".
            if (summary.Count == 1)
                summary = [summary[0], .. StepOutput(lines, summary[0])];
            if (errors.Count == 0 && end >= 0)
                errors = lines.Skip(end + 1).Where(line => !line.StartsWith("------", StringComparison.Ordinal)).TakeLast(1).ToList();
            return summary.Take(1).Concat(summary.Skip(1).TakeLast(MaximumLines - 1 - errors.Count)).Concat(errors).ToArray();
        }
        var firstError = lines.FindIndex(line => line.StartsWith("ERROR", StringComparison.Ordinal));
        var relevant = firstError >= 0 ? lines.Skip(firstError) : lines;
        return relevant.TakeLast(MaximumLines).ToArray();
    }

    /// <summary>
    /// The lines of the legacy builder's failing step, from both streams: what the step's command printed (on standard output)
    /// and docker's verdict (on standard error), without the builder's bookkeeping (<c> ---&gt; Running in …</c>).
    /// </summary>
    public static IReadOnlyList<string> FailedStepLines(IEnumerable<string> stepOutput) =>
        WithoutNotices(stepOutput)
            .Where(line => !line.StartsWith(" ---> ", StringComparison.Ordinal) && !line.StartsWith("Removing intermediate container", StringComparison.Ordinal))
            .TakeLast(MaximumLines)
            .ToArray();

    private static IEnumerable<string> WithoutNotices(IEnumerable<string> output)
    {
        var inDeprecationNotice = false;
        foreach (var raw in output)
        {
            // The legacy builder wraps what a RUN step writes to its standard error in terminal colours.
            var uncoloured = TerminalColour().Replace(raw, "");
            var line = uncoloured.TrimEnd();
            if (line.StartsWith("DEPRECATED: The legacy builder is deprecated", StringComparison.Ordinal))
            {
                inDeprecationNotice = true;
                continue;
            }
            // The notice continues with indented lines ("Install the buildx component…", a URL).
            if (inDeprecationNotice && (line.Length == 0 || char.IsWhiteSpace(uncoloured[0])))
                continue;
            inDeprecationNotice = false;
            if (line.Length > 0)
                yield return line;
        }
    }

    /// <summary>What the step of <paramref name="summaryHeader"/> (<c> &gt; [2/2] RUN make:</c>) printed, from BuildKit's <c>#5 0.132 text</c> lines.</summary>
    private static IEnumerable<string> StepOutput(List<string> lines, string summaryHeader)
    {
        var announcement = " " + summaryHeader.Trim()[2..^1];
        var header = lines.FindLastIndex(line => line.StartsWith('#') && line.EndsWith(announcement, StringComparison.Ordinal));
        if (header < 0)
            return [];
        var vertex = lines[header][..lines[header].IndexOf(' ')];
        return lines.Skip(header + 1)
            .Select(line => BuildKitOutputLine().Match(line))
            .Where(match => match.Success && match.Groups["vertex"].Value == vertex)
            .Select(match => match.Groups["text"].Value);
    }

    [GeneratedRegex(@"^(?<vertex>#\d+) \d+\.\d+ (?<text>.*)$")]
    private static partial Regex BuildKitOutputLine();

    [GeneratedRegex(@"\x1B\[[0-9;]*[A-Za-z]")]
    private static partial Regex TerminalColour();

    [GeneratedRegex(@"^ > \[[^\]]+\] .*:$")]
    private static partial Regex BuildxFailedStepSummary();
}
