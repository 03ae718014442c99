using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.StandIn.Tests.Harness;

namespace Nuke.StandIn.Tests.Execution;

public class VerbosityTests
{
    private class ChattyBuild : NukeBuild
    {
        Target Echo => _ => _.Executes(() => ProcessTasks.StartProcess("bash", "-c \"echo chatter-from-process\"").AssertZeroExitCode());

        Target Refuse => _ => _.Executes(() => Nuke.Common.Assert.Fail("refused"));
    }

    [Test]
    public void Process_output_is_shown_at_normal_verbosity_and_hidden_at_minimal()
    {
        using var harness = new BuildHarness();

        var normal = harness.Run<ChattyBuild>("Echo");
        var minimal = harness.Run<ChattyBuild>("Echo", "--verbosity", "minimal");

        Assert.That(normal.Output, Does.Contain("[DBG] chatter-from-process"));
        Assert.That(minimal.Output, Does.Not.Contain("[DBG]"));
        Assert.That(minimal.Output, Does.Contain("Build succeeded"));
    }

    [Test]
    public void Verbose_verbosity_from_the_environment_adds_stack_traces_to_known_exceptions()
    {
        using var harness = new BuildHarness();
        harness.Environment["NUKE_VERBOSITY"] = "Verbose";

        var run = harness.Run<ChattyBuild>("Refuse");

        Assert.That(run.Output, Does.Contain("refused").And.Contain("   at "));
    }
}
