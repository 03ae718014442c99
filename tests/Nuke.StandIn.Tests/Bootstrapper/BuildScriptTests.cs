namespace Nuke.StandIn.Tests.Bootstrapper;

/// <summary>The real <c>./build.sh</c>: it compiles build/_build.csproj and runs it, like NUKE's bootstrapper.</summary>
[NonParallelizable]
public class BuildScriptTests
{
    [Test]
    public void Build_sh_help_lists_the_repository_targets_and_exits_0()
    {
        var (exitCode, output, error) = RepositoryProcess.Run("bash", "build.sh", "--help");

        Assert.That(exitCode, Is.EqualTo(0), output + error);
        Assert.That(output, Does.Contain("Compile (default)").And.Contain("Test").And.Contain("Pack").And.Contain("Clean"));
        Assert.That(output, Does.Contain("--configuration"));
    }

    [Test]
    public void Build_sh_with_an_unknown_target_exits_255_with_the_message_alone()
    {
        var (exitCode, output, error) = RepositoryProcess.Run("bash", "build.sh", "Compil");

        Assert.That(exitCode, Is.EqualTo(255), "NUKE's -1" + Environment.NewLine + output + error);
        // As NUKE's host prints a failure before any target: the message alone, no log level, no stack trace.
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[^1].TrimEnd(), Does.Match(
            @"^Target 'Compil' does not exist; did you mean 'Compile'\? Available targets: (\w+, )*Compile(, \w+)*\.$"));
        Assert.That(output, Does.Not.Contain(" [ERR] "));
    }
}
