using System.Globalization;
using Nuke.Common.Logging;

namespace Nuke.Common.Execution;

/// <summary>The table at the end of a run: each planned target, its status and duration, and the outcome.</summary>
internal static class SummaryTable
{
    private const int NameWidth = 30;
    private const int StatusWidth = 12;
    private const int DurationWidth = 10;

    public static void Write(BuildOutput output, IReadOnlyList<ExecutableTarget> plan, TimeSpan total, bool succeeded)
    {
        var width = Math.Max(NameWidth, plan.Select(x => x.Name.Length + 2).DefaultIfEmpty(0).Max()) + StatusWidth + DurationWidth;
        var nameWidth = width - StatusWidth - DurationWidth;

        output.WriteLine();
        output.WriteLine(new string('═', width));
        output.WriteLine($"{"Target".PadRight(nameWidth)}{"Status".PadRight(StatusWidth)}{"Duration".PadLeft(DurationWidth)}");
        output.WriteLine(new string('─', width));
        foreach (var target in plan)
        {
            var duration = target.Status is ExecutionStatus.Succeeded or ExecutionStatus.Failed ? Format(target.Duration) : string.Empty;
            var note = target.Note != null ? $"   // {target.Note}" : string.Empty;
            output.WriteLine($"{target.Name.PadRight(nameWidth)}{target.Status.ToString().PadRight(StatusWidth)}{duration.PadLeft(DurationWidth)}{note}");
        }

        output.WriteLine(new string('─', width));
        output.WriteLine($"{"Total".PadRight(nameWidth + StatusWidth)}{Format(total).PadLeft(DurationWidth)}");
        output.WriteLine(new string('═', width));
        output.WriteLine();

        var when = DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        output.WriteLine(succeeded ? $"Build succeeded on {when}." : $"Build failed on {when}.");
    }

    public static void WriteTargetHeader(BuildOutput output, string name)
    {
        output.WriteLine();
        output.WriteLine(new string('═', NameWidth + StatusWidth + DurationWidth));
        output.WriteLine(name);
        output.WriteLine(new string('─', NameWidth + StatusWidth + DurationWidth));
        output.WriteLine();
    }

    private static string Format(TimeSpan duration)
        => duration < TimeSpan.FromSeconds(1)
            ? "< 1sec"
            : $"{(int) duration.TotalMinutes}:{duration.Seconds:00}";
}
