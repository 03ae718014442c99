using Nuke.Common;
using Nuke.Common.Execution;
using Nuke.StandIn.Tests.Harness;

namespace Nuke.StandIn.Tests.Execution;

public class ConditionTests
{
    private class ConditionalBuild : NukeBuild
    {
        bool _prepared;

        Target Prepare => _ => _.Executes(() =>
        {
            _prepared = true;
            Journal.Record(nameof(Prepare));
        });

        Target Dynamic => _ => _.DependsOn(Prepare).OnlyWhenDynamic(() => _prepared).Executes(() => Journal.Record(nameof(Dynamic)));

        Target Static => _ => _.DependsOn(Prepare).OnlyWhenStatic(() => _prepared).Executes(() => Journal.Record(nameof(Static)));

        Target Publish => _ => _.DependsOn(Prepare).OnlyWhenDynamic(() => IsServerBuild).Executes(() => Journal.Record(nameof(Publish)));

        Target Announce => _ => _
            .DependsOn(Prepare)
            .OnlyWhenStatic(() => IsServerBuild)
            .WhenSkipped(DependencyBehavior.Skip)
            .Executes(() => Journal.Record(nameof(Announce)));
    }

    [Test]
    public void OnlyWhenDynamic_false_skips_the_target_shows_it_as_skipped_and_still_runs_its_dependencies()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<ConditionalBuild>("Publish");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Prepare" }));
        Assert.That(run.StatusOf("Publish"), Is.EqualTo(ExecutionStatus.Skipped));
        Assert.That(run.SummaryRowOf("Publish"), Does.Contain("Skipped").And.Contain("// OnlyWhen: IsServerBuild"));
    }

    [Test]
    public void OnlyWhenDynamic_runs_the_target_on_a_server_build()
    {
        using var harness = new BuildHarness();
        harness.Environment["GITHUB_ACTIONS"] = "true";

        harness.Run<ConditionalBuild>("Publish");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Prepare", "Publish" }));
    }

    [Test]
    public void OnlyWhenDynamic_is_evaluated_when_the_target_is_reached()
    {
        using var harness = new BuildHarness();

        harness.Run<ConditionalBuild>("Dynamic");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Prepare", "Dynamic" }));
    }

    [Test]
    public void OnlyWhenStatic_is_evaluated_before_any_target_runs()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<ConditionalBuild>("Static");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Prepare" }));
        Assert.That(run.StatusOf("Static"), Is.EqualTo(ExecutionStatus.Skipped));
    }

    [Test]
    public void WhenSkipped_Skip_also_skips_the_dependencies_nothing_else_needs()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<ConditionalBuild>("Announce");
        Assert.That(Journal.Entries, Is.Empty);
        Assert.That(run.SummaryRowOf("Prepare"), Does.Contain("Skipped").And.Contain("// Skipped: because of Announce"));

        Journal.Clear();
        harness.Run<ConditionalBuild>("Announce", "Dynamic");
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Prepare", "Dynamic" }));
    }

    [Test]
    public void The_skip_parameter_skips_the_named_dependencies_but_never_an_invoked_target()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<ConditionalBuild>("Publish", "--skip", "prepare", "publish");

        Assert.That(run.StatusOf("Prepare"), Is.EqualTo(ExecutionStatus.Skipped));
        Assert.That(run.SummaryRowOf("Prepare"), Does.Contain("// Skipped: via parameter"));
        Assert.That(Journal.Entries, Is.Empty, "Publish itself is skipped only by its own condition here");
        Assert.That(run.SummaryRowOf("Publish"), Does.Contain("// OnlyWhen: IsServerBuild"));
    }

    [Test]
    public void A_misspelt_skip_fails_before_anything_runs_instead_of_running_the_target_it_meant_to_skip()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<ConditionalBuild>("Dynamic", "--skip", "Prepar");

        Assert.That(run.ExitCode, Is.EqualTo(-1));
        Assert.That(run.StartFailure, Does.EndWith(
            "Target 'Prepar' given with --skip does not exist; did you mean 'Prepare'? " +
            "Available targets: Announce, Dynamic, Prepare, Publish, Static."));
        Assert.That(Journal.Entries, Is.Empty);
    }
}
