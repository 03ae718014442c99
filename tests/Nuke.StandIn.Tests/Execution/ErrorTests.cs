using Nuke.Common;
using Nuke.StandIn.Tests.Harness;

namespace Nuke.StandIn.Tests.Execution;

public class ErrorTests
{
    private class SmallBuild : NukeBuild
    {
        Target Restore => _ => _.Executes(() => Journal.Record(nameof(Restore)));
        Target Compile => _ => _.DependsOn(Restore).Executes(() => Journal.Record(nameof(Compile)));
        Target Test => _ => _.DependsOn(Compile).Executes(() => Journal.Record(nameof(Test)));
    }

    [Test]
    public void An_unknown_target_fails_with_one_message_that_suggests_a_name_and_lists_the_targets()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<SmallBuild>("Compil");

        Assert.That(run.ExitCode, Is.EqualTo(-1));
        Assert.That(run.StartFailure, Is.EqualTo(
            "Target 'Compil' does not exist; did you mean 'Compile'? Available targets: Compile, Restore, Test."));
        Assert.That(run.ErrorLines, Is.Empty, "NUKE's host prints the message alone, not as a log line");
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void An_unknown_target_far_from_every_name_gets_no_suggestion()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<SmallBuild>("Deploy");

        Assert.That(run.StartFailure, Is.EqualTo("Target 'Deploy' does not exist. Available targets: Compile, Restore, Test."));
    }

    private class CycleBuild : NukeBuild
    {
        Target Alpha => _ => _.DependsOn(Beta).Executes(() => Journal.Record(nameof(Alpha)));
        Target Beta => _ => _.After(Gamma).Executes(() => Journal.Record(nameof(Beta)));
        Target Gamma => _ => _.DependsOn(Alpha).Executes(() => Journal.Record(nameof(Gamma)));
        Target Outside => _ => _.Executes(() => Journal.Record(nameof(Outside)));
    }

    [Test]
    public void A_cycle_fails_before_anything_runs_and_names_every_target_in_it()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<CycleBuild>("Outside");

        Assert.That(run.ExitCode, Is.EqualTo(-1));
        Assert.That(run.StartFailure, Does.Contain("Circular dependency between targets: Alpha -> Beta -> Gamma -> Alpha"));
        Assert.That(Journal.Entries, Is.Empty);
    }

    private class FailingBuild : NukeBuild
    {
        Target Restore => _ => _.Executes(() => Journal.Record(nameof(Restore)));
        Target Compile => _ => _.DependsOn(Restore).Executes(() => Nuke.Common.Assert.Fail("The registry answered 403 Forbidden."));
        Target Test => _ => _.DependsOn(Compile).Executes(() => Journal.Record(nameof(Test)));
        Target Report => _ => _.After(Test).AssuredAfterFailure().Executes(() => Journal.Record(nameof(Report)));
        Target Defect => _ => _.Executes(() => ((string) null!).Trim());
    }

    [Test]
    public void A_failing_target_fails_the_build_and_the_targets_after_it_do_not_run_except_assured_ones()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<FailingBuild>("Test", "Report");

        Assert.That(run.ExitCode, Is.EqualTo(-1));
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Restore", "Report" }));
        Assert.That(run.SummaryRowOf("Restore"), Does.Contain("Succeeded"));
        Assert.That(run.SummaryRowOf("Compile"), Does.Contain("Failed").And.Contain("// Exception: The registry answered 403 Forbidden."));
        Assert.That(run.SummaryRowOf("Test"), Does.Contain("NotRun"));
        Assert.That(run.SummaryRowOf("Report"), Does.Contain("Succeeded"));
        Assert.That(run.Output, Does.Contain("Build failed on"));
    }

    [TestCase("Compile", "System.Exception: The registry answered 403 Forbidden.")]
    [TestCase("Defect", "System.NullReferenceException: Object reference not set to an instance of an object.")]
    public void Every_failure_shows_the_exceptions_type_and_message_before_its_stack_frames(string target, string exceptionLine)
    {
        using var harness = new BuildHarness();

        var run = harness.Run<FailingBuild>(target);

        var lines = run.Lines.ToList();
        var logLine = lines.FindIndex(x => x.EndsWith($" [ERR] Target {target} has thrown an exception", StringComparison.Ordinal));
        Assert.That(logLine, Is.Not.Negative, run.Output);
        Assert.That(lines[logLine + 1], Is.EqualTo(exceptionLine), run.Output);
        Assert.That(lines.FindIndex(x => x.StartsWith("   at ", StringComparison.Ordinal)), Is.GreaterThan(logLine + 1), run.Output);
    }

    private class ProceedingBuild : NukeBuild
    {
        Target Lint => _ => _.ProceedAfterFailure().Executes(() => Nuke.Common.Assert.Fail("style problems"));
        Target Compile => _ => _.After(Lint).Executes(() => Journal.Record(nameof(Compile)));
    }

    [Test]
    public void ProceedAfterFailure_lets_the_next_targets_run_but_the_build_still_fails()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<ProceedingBuild>("Lint", "Compile");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Compile" }));
        Assert.That(run.ExitCode, Is.EqualTo(-1));
    }

    [Test]
    public void A_successful_run_ends_with_a_summary_row_per_target_and_exit_code_0()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<SmallBuild>("Test");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        foreach (var target in new[] { "Restore", "Compile", "Test" })
            Assert.That(run.SummaryRowOf(target), Does.Match($@"^{target}\s+Succeeded\s+(< 1sec|\d+:\d\d)$"));
        Assert.That(run.Lines.Any(x => x.StartsWith("Total ", StringComparison.Ordinal)));
        Assert.That(run.Output, Does.Contain("Build succeeded on"));
    }

    [Test]
    public void Each_target_that_runs_gets_a_header()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<SmallBuild>("Compile");

        // NUKE's Host.WriteBlock: the name between two ╬═ rules, the first 5 longer than the name, the second 4 shorter (at least 2).
        var headerLines = run.Lines.Select((line, index) => (line, index)).Where(x => x.line is "║ Restore" or "║ Compile").ToList();
        Assert.That(headerLines.Select(x => x.line), Is.EqualTo(new[] { "║ Restore", "║ Compile" }));
        Assert.That(run.Lines[headerLines[0].index - 1], Is.EqualTo("╬" + new string('═', "Restore".Length + 5)));
        Assert.That(run.Lines[headerLines[0].index + 1], Is.EqualTo("╬" + new string('═', "Restore".Length - 4 < 2 ? 2 : "Restore".Length - 4)));
    }
}
