using Nuke.Common;
using Nuke.Common.Execution;
using Nuke.StandIn.Tests.Harness;

namespace Nuke.StandIn.Tests.Execution;

public class OrderingTests
{
    private class PipelineBuild : NukeBuild
    {
        Target Clean => _ => _.Before(Restore).Executes(() => Journal.Record(nameof(Clean)));
        Target Restore => _ => _.Executes(() => Journal.Record(nameof(Restore)));
        Target Compile => _ => _.DependsOn(Restore).Executes(() => Journal.Record(nameof(Compile)));
        Target Test => _ => _.DependsOn(Compile).Executes(() => Journal.Record(nameof(Test)));
        Target Publish => _ => _.After(Test).DependsOn(Compile).Executes(() => Journal.Record(nameof(Publish)));
        Target Setup => _ => _.DependentFor(Compile).Executes(() => Journal.Record(nameof(Setup)));

        public Target Default => _ => _.DependsOn(Compile);
    }

    [Test]
    public void Dependencies_run_before_the_target_that_depends_on_them_and_unrelated_targets_stay_out()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<PipelineBuild>("Test");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Restore", "Setup", "Compile", "Test" }));
    }

    [Test]
    public void DependentFor_pulls_the_target_in_before_the_one_it_is_dependent_for()
    {
        using var harness = new BuildHarness();

        harness.Run<PipelineBuild>("Compile");

        Assert.That(Journal.Entries, Does.Contain("Setup"));
        Assert.That(Journal.Entries.ToList().IndexOf("Setup"), Is.LessThan(Journal.Entries.ToList().IndexOf("Compile")));
    }

    [Test]
    public void After_orders_two_invoked_targets_without_pulling_either_in()
    {
        using var harness = new BuildHarness();

        harness.Run<PipelineBuild>("Publish", "Test");
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Restore", "Setup", "Compile", "Test", "Publish" }));

        Journal.Clear();
        harness.Run<PipelineBuild>("Publish");
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Restore", "Setup", "Compile", "Publish" }));
    }

    [Test]
    public void Before_puts_the_target_first_when_both_run()
    {
        using var harness = new BuildHarness();

        harness.Run<PipelineBuild>("Compile", "Clean");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Clean", "Restore", "Setup", "Compile" }));
    }

    [Test]
    public void Target_names_on_the_command_line_ignore_case_and_dashes()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<PipelineBuild>("com-PILE");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(Journal.Entries, Does.Contain("Compile"));
    }

    [Test]
    public void The_default_target_runs_when_no_target_is_given_and_a_target_without_actions_is_collective()
    {
        using var harness = new BuildHarness();

        var run = harness.RunWithDefault<PipelineBuild>(x => x.Default);

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Restore", "Setup", "Compile" }));
        Assert.That(run.StatusOf("Default"), Is.EqualTo(ExecutionStatus.Collective));
        Assert.That(run.ExitCode, Is.EqualTo(0));
    }

    private class ChainBuild : NukeBuild
    {
        Target A => _ => _.After(B).Executes(() => Journal.Record(nameof(A)));
        Target B => _ => _.After(C).Executes(() => Journal.Record(nameof(B)));
        Target C => _ => _.Executes(() => Journal.Record(nameof(C)));
    }

    [Test]
    public void Ordering_holds_through_a_target_that_does_not_run()
    {
        using var harness = new BuildHarness();

        harness.Run<ChainBuild>("A", "C");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "C", "A" }));
    }

    private class TriggerBuild : NukeBuild
    {
        Target Deploy => _ => _.Triggers(Notify).Executes(() => Journal.Record(nameof(Deploy)));
        Target Notify => _ => _.Executes(() => Journal.Record(nameof(Notify)));
        Target Cleanup => _ => _.TriggeredBy(Notify).Executes(() => Journal.Record(nameof(Cleanup)));
        Target Unrelated => _ => _.Executes(() => Journal.Record(nameof(Unrelated)));
    }

    [Test]
    public void Triggers_and_TriggeredBy_add_targets_that_run_after_their_trigger()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<TriggerBuild>("Deploy");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Deploy", "Notify", "Cleanup" }));
    }

    [Test]
    public void A_triggered_target_invoked_alone_does_not_run_its_trigger()
    {
        using var harness = new BuildHarness();

        harness.Run<TriggerBuild>("Notify");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Notify", "Cleanup" }));
    }
}
