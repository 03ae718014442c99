using Nuke.Common.Execution;

namespace Nuke.StandIn.Tests.Harness;

/// <summary>The result of one in-process run and everything it wrote.</summary>
internal sealed record BuildRun(BuildResult Result, string Output)
{
    public int ExitCode => Result.ExitCode;

    public IReadOnlyList<string> Lines => Output.Split(Environment.NewLine);

    public IReadOnlyList<string> ErrorLines => Lines.Where(x => x.Contains(" [ERR] ")).ToList();

    /// <summary>
    /// The message a build that failed before any target ran printed: NUKE's host prints it alone, without a log level, a time
    /// or a stack trace (then, once the plan is known, the summary table).
    /// </summary>
    public string StartFailure
    {
        get
        {
            Assert.That(Result.StartFailure, Is.Not.Null, $"The build did not fail before its targets ran:{Environment.NewLine}{Output}");
            Assert.That(Output, Does.StartWith(Result.StartFailure!).Or.Contain(Environment.NewLine + Result.StartFailure + Environment.NewLine), Output);
            return Result.StartFailure!;
        }
    }

    /// <summary>Each warning with the line after it, where an attached exception's message is printed.</summary>
    public IReadOnlyList<string> Warnings => Lines
        .Select((line, index) => (line, index))
        .Where(x => x.line.Contains(" [WRN] "))
        .Select(x => x.index + 1 < Lines.Count ? x.line + Environment.NewLine + Lines[x.index + 1] : x.line)
        .ToList();

    public IReadOnlyList<string> TargetOrder => Result.Targets.Select(x => x.Name).ToList();

    public ExecutionStatus StatusOf(string target) => Result[target].Status;

    /// <summary>The summary table row of a target, e.g. "Compile   Failed   0:01   // Exception: ...".</summary>
    public string SummaryRowOf(string target)
    {
        var start = Lines.ToList().FindLastIndex(x => x.StartsWith("Target ", StringComparison.Ordinal) && x.Contains("Status"));
        return Lines.Skip(start + 1).First(x => x.StartsWith(target + " ", StringComparison.Ordinal));
    }
}
