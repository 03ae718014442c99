using System.Text;

namespace ArtifactRegistry.Processes;

/// <summary>What every failure message of one command shows, already redacted.</summary>
internal sealed record ProcessFailureContext(string Program, string CommandLine, string WorkingDirectory)
{
    public const int TailLineCount = 20;

    /// <summary>NUKE-style: the headline, then <c>&gt; command line</c>, <c>@ working directory</c>, then the output tail.</summary>
    public string Describe(string headline, IReadOnlyList<string> errorTail, IReadOnlyList<string> outputTail, string? advice = null)
    {
        var text = new StringBuilder(headline).AppendLine();
        text.Append("   > ").AppendLine(CommandLine);
        text.Append("   @ ").Append(WorkingDirectory);
        if (errorTail.Count > 0)
            AppendTail(text, "Standard error", errorTail);
        else if (outputTail.Count > 0)
            AppendTail(text, "Standard error was empty; standard output", outputTail);
        if (advice is not null)
            text.AppendLine().Append(advice);
        return text.ToString();
    }

    private static void AppendTail(StringBuilder text, string title, IReadOnlyList<string> lines)
    {
        text.AppendLine().Append(title).Append(lines.Count == TailLineCount ? $" (last {TailLineCount} lines):" : ":");
        foreach (var line in lines)
            text.AppendLine().Append("   ").Append(line);
    }
}
