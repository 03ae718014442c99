using System.Globalization;
using Nuke.Common.Logging;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Nuke.Common.Execution;

/// <summary>
/// What NUKE 10.1's terminal host writes around the log lines (its Host class): a block opening each target, and after the run
/// the warnings and errors repeated, the table of targets (status, duration, summary) and the build's outcome.
/// </summary>
internal static class HostOutput
{
    private const int StatusColumn = 10;
    private const int DurationColumn = 10;

    private static readonly MessageTemplateTextFormatter s_errorsAndWarnings = new(OutputTemplates.ErrorsAndWarnings, CultureInfo.InvariantCulture);

    public static void WriteBlock(BuildOutput output, string text)
    {
        output.WriteLine();
        output.WriteLine("╬" + new string('═', text.Length + 5));
        foreach (var line in text.Split(Environment.NewLine))
            output.WriteLine($"║ {line}");
        output.WriteLine("╬" + new string('═', Math.Max(text.Length - 4, 2)));
        output.WriteLine();
    }

    public static void WriteErrorsAndWarnings(BuildOutput output, IReadOnlyList<LogEvent> events)
    {
        if (events.Count == 0)
            return;

        WriteBlock(output, "Errors & Warnings");
        foreach (var logEvent in events)
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            s_errorsAndWarnings.Format(logEvent, writer);
            output.Write(writer.ToString());
        }
    }

    public static void WriteTargetOutcome(BuildOutput output, IReadOnlyList<ExecutableTarget> plan)
    {
        var nameColumn = Math.Max(plan.Select(x => x.Name.Length).DefaultIfEmpty(0).Max() + 4, 19);
        var width = nameColumn + StatusColumn + DurationColumn;
        var total = plan.Aggregate(TimeSpan.Zero, (sum, x) => sum + x.Duration);

        string Line(string name, string status, string duration, string? information = null)
            => name.PadRight(nameColumn) + status.PadRight(StatusColumn) + duration.PadLeft(DurationColumn) +
               (information != null ? $"   // {information}" : string.Empty);

        output.WriteLine();
        output.WriteLine(new string('═', width));
        output.WriteLine(Line("Target", "Status", "Duration"));
        output.WriteLine(new string('─', width));
        foreach (var target in plan.Where(x => x.Status != ExecutionStatus.Collective))
        {
            var duration = target.Status is ExecutionStatus.Succeeded or ExecutionStatus.Failed
                ? Format(target.Duration)
                : string.Empty;
            output.WriteLine(Line(target.Name, target.Status.ToString(), duration, target.Note));
        }

        output.WriteLine(new string('─', width));
        output.WriteLine(Line("Total", string.Empty, Format(total)));
        output.WriteLine(new string('═', width));
    }

    public static void WriteBuildOutcome(BuildOutput output, bool succeeded)
    {
        output.WriteLine();
        var now = DateTime.Now.ToString(CultureInfo.CurrentCulture);
        output.WriteLine(succeeded ? $"Build succeeded on {now}. ＼（＾ᴗ＾）／" : $"Build failed on {now}. (╯°□°）╯︵ ┻━┻");
    }

    // NUKE's own rule, "0:00" included wherever it occurs.
    private static string Format(TimeSpan duration) => $"{(int) duration.TotalMinutes}:{duration:ss}".Replace("0:00", "< 1sec");
}
