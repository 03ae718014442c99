using System.Globalization;
using Nuke.Common;
using Nuke.StandIn.Tests.Harness;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace Nuke.StandIn.Tests.Surface;

/// <summary>
/// A failed target looks exactly as NUKE 10.1.0 shows it: the templates and the log call are read from a checked-in list of
/// facts from NUKE's sources, rendered with Serilog's own formatter, and the stand-in's output must contain that text.
/// </summary>
public class NukePresentationTests
{
    private const string FactsFile = "Surface/nuke-10.1.0-presentation.txt";

    private static readonly InvalidOperationException Thrown = Throwing();

    private class FailingBuild : NukeBuild
    {
        Target Compile => _ => _.Executes(() => throw Thrown);
    }

    [Test]
    public void A_failed_target_is_logged_with_NUKEs_call_and_template_followed_by_the_whole_exception()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<FailingBuild>("Compile");

        var logEvent = TargetFailedEvent("Compile");
        var expected = Render(Fact("ConsoleTemplate"), logEvent);
        Assert.That(WithoutTimes(run.Output), Does.Contain(WithoutTimes(expected)));
        Assert.That(expected, Does.Contain(Thrown.ToString()), "the template includes the exception: type, message, stack");
    }

    [Test]
    public void After_the_targets_the_error_is_repeated_in_NUKEs_block_and_the_summary_shows_type_and_first_line()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<FailingBuild>("Compile");

        var lines = run.Lines.ToList();
        var title = lines.IndexOf("║ " + Fact("BlockTitle"));
        Assert.That(title, Is.Not.Negative, run.Output);
        var repeated = Render(Fact("ErrorsAndWarningsTemplate"), TargetFailedEvent("Compile")).TrimEnd();
        Assert.That(lines.Skip(title).ToList(), Does.Contain(repeated));
        var note = Fact("SummaryNote").Replace("{Key}", nameof(InvalidOperationException)).Replace("{Value}", "The first line says what.");
        Assert.That(run.SummaryRowOf("Compile"), Does.Contain("Failed").And.EndWith(note));
        Assert.That(run.ExitCode, Is.EqualTo(int.Parse(Fact("ErrorExitCode"), CultureInfo.InvariantCulture)));
    }

    private static LogEvent TargetFailedEvent(string target) => new(
        DateTimeOffset.Now, LogEventLevel.Error, Thrown, new MessageTemplateParser().Parse(Fact("TargetFailedMessage")),
        [new LogEventProperty("TargetName", new ScalarValue(target)), new LogEventProperty("ExecutingTarget", new ScalarValue(target))]);

    private static string Render(string template, LogEvent logEvent)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new MessageTemplateTextFormatter(template, CultureInfo.InvariantCulture).Format(logEvent, writer);
        return writer.ToString();
    }

    private static string WithoutTimes(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"(?m)^\d\d:\d\d:\d\d ", "HH:mm:ss ");

    private static string Fact(string name) =>
        File.ReadAllLines(Path.Combine(TestContext.CurrentContext.TestDirectory, FactsFile))
            .Single(x => x.StartsWith(name + " = ", StringComparison.Ordinal))[(name.Length + 3)..];

    private static InvalidOperationException Throwing()
    {
        try
        {
            throw new InvalidOperationException($"The first line says what.{Environment.NewLine}The second says why.");
        }
        catch (InvalidOperationException exception)
        {
            return exception; // thrown once, so it carries a stack trace like any exception escaping a target
        }
    }
}
