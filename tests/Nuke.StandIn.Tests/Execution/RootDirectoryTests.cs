using Nuke.Common;
using Nuke.StandIn.Tests.Harness;

namespace Nuke.StandIn.Tests.Execution;

public class RootDirectoryTests
{
    private class RootBuild : NukeBuild
    {
        Target Show => _ => _.Executes(() =>
        {
            Journal.Record(RootDirectory);
            Journal.Record(TemporaryDirectory);
            Journal.Record(((INukeBuild) this).RootDirectory);
        });
    }

    [Test]
    public void The_root_is_found_by_walking_up_to_the_nuke_directory()
    {
        using var harness = new BuildHarness();
        harness.WorkingDirectory = Directory.CreateDirectory(Path.Combine(harness.Root, "src", "app")).FullName;

        harness.Run<RootBuild>("Show");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { harness.Root, Path.Combine(harness.Root, ".nuke", "temp"), harness.Root }));
        Assert.That(Directory.Exists(Path.Combine(harness.Root, ".nuke", "temp")));
    }

    [Test]
    public void The_root_parameter_overrides_the_search()
    {
        using var harness = new BuildHarness();
        var other = Directory.CreateDirectory(Path.Combine(harness.Root, "elsewhere")).FullName;

        harness.Run<RootBuild>("Show", "--root", other);

        Assert.That(Journal.Entries[0], Is.EqualTo(other));
    }

    [Test]
    public void Without_a_nuke_directory_the_build_fails_saying_how_to_fix_it()
    {
        using var harness = new BuildHarness();
        Directory.Delete(Path.Combine(harness.Root, ".nuke"));

        var run = harness.Run<RootBuild>("Show");

        Assert.That(run.ExitCode, Is.EqualTo(-1));
        Assert.That(run.StartFailure, Does.Contain("Could not find a '.nuke' directory").And.Contain("--root <path>"));
    }
}
