using Nuke.Common;
using Nuke.StandIn.Tests.Harness;

namespace Nuke.StandIn.Tests.Execution;

public class ComponentTests
{
    private interface ICompileComponent : INukeBuild
    {
        Target Compile => _ => _.Executes(() => Journal.Record("ICompileComponent.Compile"));
    }

    private interface IPackComponent : ICompileComponent
    {
        Target Pack => _ => _
            .DependsOn<ICompileComponent>(x => x.Compile)
            .Executes(() => Journal.Record("IPackComponent.Pack"));
    }

    private interface INotImplemented : INukeBuild
    {
        Target Lint => _ => _.Executes(() => Journal.Record("Lint"));
    }

    private class ComponentBuild : NukeBuild, IPackComponent
    {
        Target Release => _ => _
            .DependsOn<IPackComponent>(x => x.Pack)
            .TryDependsOn<INotImplemented>(x => x.Lint)
            .Executes(() => Journal.Record("Release"));
    }

    private class StrictComponentBuild : NukeBuild, ICompileComponent
    {
        Target Release => _ => _.DependsOn<INotImplemented>(x => x.Lint).Executes(() => Journal.Record("Release"));
    }

    private class OverridingBuild : NukeBuild, IPackComponent
    {
        public Target Compile => _ => _.Executes(() => Journal.Record("OverridingBuild.Compile"));
    }

    [Test]
    public void Targets_defined_as_default_interface_members_run_and_can_be_depended_on_with_DependsOn_T()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<ComponentBuild>("Release");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "ICompileComponent.Compile", "IPackComponent.Pack", "Release" }));
    }

    [Test]
    public void A_component_target_is_invoked_by_its_name()
    {
        using var harness = new BuildHarness();

        harness.Run<ComponentBuild>("pack");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "ICompileComponent.Compile", "IPackComponent.Pack" }));
    }

    [Test]
    public void A_build_class_member_replaces_the_component_target_of_the_same_name()
    {
        using var harness = new BuildHarness();

        harness.Run<OverridingBuild>("Pack");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "OverridingBuild.Compile", "IPackComponent.Pack" }));
    }

    [Test]
    public void DependsOn_a_component_the_build_does_not_implement_fails_saying_how_to_fix_it()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<StrictComponentBuild>("Release");

        Assert.That(run.ExitCode, Is.EqualTo(-1));
        Assert.That(run.StartFailure, Does.Contain("does not implement INotImplemented").And.Contain("TryDependsOn<INotImplemented>"));
        Assert.That(Journal.Entries, Is.Empty);
    }
}
