using System;
using System.Linq;
using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tooling;
using Serilog;

/// <summary>
/// What the tests and the local deploy need from the machine (Debian packages and setup steps), known only to .ci/install:
/// as root it installs what is missing, one line per part and apt's output only on failure; as another user the build stops
/// before anything slow with the missing parts and the one command that installs them.
/// </summary>
static class MachineParts
{
    /// <summary>Ensures <paramref name="parts"/> (every part when none is named) are installed.</summary>
    /// <param name="purpose">What needs them, the start of the failure message: "./build.sh Test needs ...".</param>
    public static void Ensure(AbsolutePath rootDirectory, string purpose, params string[] parts)
    {
        var script = rootDirectory / ".ci" / "install";
        var install = ProcessTasks.StartProcess("bash", string.Join(' ', [script.ToString(), .. parts]),
            workingDirectory: rootDirectory, logOutput: false, logInvocation: false);
        install.WaitForExit();

        foreach (var line in install.Output.Where(x => x.Type == OutputType.Std))
            Log.Information("{Line}", line.Text);
        var errors = install.Output.Where(x => x.Type == OutputType.Err).Select(x => x.Text).ToList();
        if (install.ExitCode != 0)
            Assert.Fail($"{purpose}: {string.Join(Environment.NewLine, errors)}");
        foreach (var warning in errors)
            Log.Warning("{Line}", warning);
    }
}
