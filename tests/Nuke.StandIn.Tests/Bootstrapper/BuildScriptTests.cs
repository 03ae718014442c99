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
    public void Build_sh_with_an_unknown_target_exits_1_with_one_error_line()
    {
        var (exitCode, output, error) = RepositoryProcess.Run("bash", "build.sh", "Compil");

        Assert.That(exitCode, Is.EqualTo(1), output + error);
        var errorLines = output.Split('\n').Where(x => x.Contains(" [ERR] ")).ToList();
        Assert.That(errorLines, Has.Count.EqualTo(1), output);
        // The repository's targets grow with the project; the exact listing is ErrorTests' business.
        Assert.That(errorLines[0].TrimEnd(), Does.Match(
            @"\[ERR\] Target 'Compil' does not exist; did you mean 'Compile'\? Available targets: (\w+, )*Compile(, \w+)*\.$"));
    }
}
