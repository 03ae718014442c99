using System.Diagnostics;
using System.Text;

namespace Nuke.StandIn.Tests.Bootstrapper;

/// <summary>Runs a command in this repository's root as a real process and stops it (by PID, with its children) on timeout.</summary>
internal static class RepositoryProcess
{
    public static string RootDirectory
    {
        get
        {
            for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory != null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "build.sh")) && Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                    return directory.FullName;
            }

            throw new InvalidOperationException("The repository root (with build.sh and .nuke/) is not above the test directory.");
        }
    }

    public static (int ExitCode, string StandardOutput, string StandardError) Run(string fileName, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RootDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);

        var output = new StringBuilder();
        var error = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (error) error.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"'{fileName} {string.Join(" ", arguments)}' did not finish within 8 minutes and was killed.{Environment.NewLine}{output}{error}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString(), error.ToString());
    }
}
