using Nuke.Common;
using Nuke.StandIn.Tests.Harness;

namespace Nuke.StandIn.Tests.Execution;

public class RequirementTests
{
    private class DeployBuild : NukeBuild
    {
        [Parameter("Image to push, without the tag")] readonly string? ImageName;
        [Parameter] readonly int? Replicas;
        [Parameter] readonly int MinimumReplicas = 1;

        Target Prepare => _ => _.Executes(() => Journal.Record(nameof(Prepare)));

        Target Push => _ => _
            .DependsOn(Prepare)
            .Requires(() => ImageName)
            .Executes(() => Journal.Record($"Push {ImageName}"));

        Target Scale => _ => _
            .DependsOn(Prepare)
            .Requires(() => Replicas)
            .Requires(() => Replicas >= MinimumReplicas)
            .Executes(() => Journal.Record($"Scale {Replicas}"));
    }

    [Test]
    public void A_missing_required_parameter_fails_the_build_before_any_target_runs_and_says_how_to_pass_it()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<DeployBuild>("Push");

        Assert.That(run.ExitCode, Is.EqualTo(-1));
        Assert.That(Journal.Entries, Is.Empty);
        Assert.That(run.StartFailure, Does.EndWith(
            "Target 'Push' requires the parameter 'ImageName' (Image to push, without the tag), which has no value: " +
            "pass --image-name <value>, or set the environment variable IMAGE_NAME, or add \"ImageName\": \"<value>\" to .nuke/parameters.json."));

        // As in NUKE, whose requirement check runs once the plan is known: the table follows, every target NotRun.
        Assert.That(run.SummaryRowOf("Push"), Does.Contain("NotRun"));
        Assert.That(run.Output, Does.Contain("Build failed on"));
    }

    [Test]
    public void A_required_parameter_that_is_given_lets_the_target_run()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<DeployBuild>("Push", "--image-name", "web");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Prepare", "Push web" }));
    }

    [Test]
    public void A_required_value_type_parameter_and_a_condition_are_checked_too()
    {
        using var harness = new BuildHarness();

        var missing = harness.Run<DeployBuild>("Scale");
        Assert.That(missing.StartFailure, Does.Contain("requires the parameter 'Replicas'").And.Contain("--replicas <value>"));

        var tooFew = harness.Run<DeployBuild>("Scale", "--replicas", "0");
        Assert.That(tooFew.StartFailure, Does.EndWith("Target 'Scale' requires 'Replicas >= MinimumReplicas', which is false."));
        Assert.That(Journal.Entries, Is.Empty);

        var enough = harness.Run<DeployBuild>("Scale", "--replicas", "3");
        Assert.That(enough.ExitCode, Is.EqualTo(0), enough.Output);
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Prepare", "Scale 3" }));
    }

    [Test]
    public void Requirements_of_targets_that_do_not_run_are_not_checked()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<DeployBuild>("Prepare");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
    }

    private class RequiredAttributeBuild : NukeBuild
    {
        [Parameter, Required] readonly string? Project;

        Target Show => _ => _.Executes(() => Journal.Record($"Project {Project}"));
    }

    [Test]
    public void A_Required_parameter_without_a_value_stops_every_run()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<RequiredAttributeBuild>("Show");

        Assert.That(run.StartFailure, Does.Contain("The parameter 'Project' is marked [Required] and has no value: pass --project <value>"));
        Assert.That(Journal.Entries, Is.Empty);
    }
}
