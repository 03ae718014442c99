using Nuke.Common;
using Nuke.StandIn.Tests.Harness;

namespace Nuke.StandIn.Tests.Execution;

public class HelpTests
{
    private class DescribedBuild : NukeBuild
    {
        [Parameter("Configuration to build")] readonly string Configuration = "Debug";

        Target Restore => _ => _.Description("Restores packages").Executes(() => Journal.Record($"{nameof(Restore)} {Configuration}"));
        public Target Compile => _ => _.Description("Builds the solution").DependsOn(Restore).Executes(() => Journal.Record(nameof(Compile)));
        Target Hidden => _ => _.Unlisted().Executes(() => Journal.Record(nameof(Hidden)));
    }

    [Test]
    public void Help_lists_the_targets_with_descriptions_and_dependencies_marks_the_default_and_runs_nothing()
    {
        using var harness = new BuildHarness();

        var run = harness.RunWithDefault<DescribedBuild>(x => x.Compile, "--help");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(Journal.Entries, Is.Empty);
        // NUKE's layout: the name padded to 20 and the direct dependencies, the description on the next line.
        var lines = run.Lines.ToList();
        Assert.That(lines[lines.IndexOf("  Restore".PadRight(22)) + 1], Is.EqualTo("    Restores packages"));
        Assert.That(lines[lines.IndexOf("  Compile (default)    -> Restore") + 1], Is.EqualTo("    Builds the solution"));
        Assert.That(run.Output, Does.Not.Contain("Hidden"));
    }

    [Test]
    public void Help_lists_the_parameters_with_descriptions_and_the_built_in_ones()
    {
        using var harness = new BuildHarness();

        var run = harness.RunWithDefault<DescribedBuild>(x => x.Compile, "--help");

        Assert.That(run.Lines.Any(x => x.StartsWith("  --configuration ", StringComparison.Ordinal) && x.EndsWith("Configuration to build.")));
        Assert.That(run.Lines.Any(x => x.StartsWith("  --target ", StringComparison.Ordinal) && x.EndsWith("Default is 'Compile'.")));
        Assert.That(run.Lines.Any(x => x.StartsWith("  --root ", StringComparison.Ordinal)));
    }

    [Test]
    public void An_unlisted_target_can_still_be_invoked()
    {
        using var harness = new BuildHarness();

        harness.Run<DescribedBuild>("Hidden");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "Hidden" }));
    }
}
