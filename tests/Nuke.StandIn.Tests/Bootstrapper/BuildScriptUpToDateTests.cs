using System.Runtime.Versioning;
using System.Text;
using CliWrap;

namespace Nuke.StandIn.Tests.Bootstrapper;

/// <summary>
/// <c>./build.sh</c> builds build/ only when something it compiles from changed since the last successful build. Run on a
/// copy of the script in a small tree, with a <c>dotnet</c> on the PATH that records what it was asked to do; file times
/// are set explicitly, so nothing depends on the clock's resolution.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class BuildScriptUpToDateTests
{
    private static readonly DateTime LongAgo = DateTime.UtcNow.AddHours(-2);
    private string _root = null!;

    [SetUp]
    public void CreateTree()
    {
        _root = Directory.CreateTempSubdirectory("build-sh-").FullName;
        File.Copy(Path.Combine(RepositoryProcess.RootDirectory, "build.sh"), Path.Combine(_root, "build.sh"));
        Write("build/_build.csproj", "<Project />");
        Write("build/Build.cs", "class Build { }");
        Write("source/Library/Library.cs", "class Library { }");
        Write("source/Library/Old.cs", "class Old { }");
        Write("Directory.Build.props", "<Project />");
        Write("Directory.Packages.props", "<Project />");
        Write("global.json", "{}");
        Write("fake-bin/dotnet", """
            #!/usr/bin/env bash
            # Records each call; 'build' fails with a compiler error while a file named FAIL exists, else writes bin/, obj/ and the assembly.
            root=$(cd "$(dirname "$0")/.." && pwd)
            echo "$1" >> "$root/calls"
            if [ "$1" = build ]; then
              [ -f "$root/FAIL" ] && { echo "Build.cs(1,1): error CS1002: ; expected"; exit 1; }
              mkdir -p "$root/build/bin/Debug/net10.0" "$root/source/Library/bin" "$root/source/Library/obj"
              echo assembly > "$root/build/bin/Debug/net10.0/_build.dll"
            fi
            exit 0
            """);
        File.SetUnixFileMode(Path.Combine(_root, "fake-bin/dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [TearDown]
    public void DeleteTree() => Directory.Delete(_root, recursive: true);

    [Test]
    public void The_first_run_builds_and_a_second_with_nothing_changed_only_runs_the_build()
    {
        Assert.That(Run().Calls, Is.EqualTo(new[] { "build", "run" }));
        AgeEverything();

        Assert.That(Run().Calls, Is.EqualTo(new[] { "run" }));
    }

    [TestCase("build/Build.cs")]
    [TestCase("source/Library/Library.cs")]
    [TestCase("Directory.Packages.props")]
    [TestCase("global.json")]
    public void A_changed_input_is_built_again(string input)
    {
        Run();
        AgeEverything();
        File.SetLastWriteTimeUtc(Path.Combine(_root, input), DateTime.UtcNow);

        Assert.That(Run().Calls, Is.EqualTo(new[] { "build", "run" }));
    }

    [Test]
    public void A_deleted_source_file_is_built_again()
    {
        Run();
        AgeEverything();
        File.Delete(Path.Combine(_root, "source/Library/Old.cs"));

        Assert.That(Run().Calls, Is.EqualTo(new[] { "build", "run" }));
    }

    [Test]
    public void Files_the_build_writes_under_bin_and_obj_are_no_change()
    {
        Run();
        AgeEverything();
        Write("source/Library/obj/project.assets.json", "{}");
        Write("build/bin/Debug/net10.0/extra.dll", "");

        Assert.That(Run().Calls, Is.EqualTo(new[] { "run" }));
    }

    [Test]
    public void A_failed_build_shows_the_compiler_output_runs_nothing_and_is_tried_again_next_time()
    {
        Run();
        AgeEverything();
        File.SetLastWriteTimeUtc(Path.Combine(_root, "build/Build.cs"), DateTime.UtcNow);
        Write("FAIL", "");

        var failed = Run();
        Assert.Multiple(() =>
        {
            Assert.That(failed.ExitCode, Is.EqualTo(1));
            Assert.That(failed.Error, Does.Contain("error CS1002"));
            Assert.That(failed.Calls, Is.EqualTo(new[] { "build" }));
        });

        File.Delete(Path.Combine(_root, "FAIL"));
        Assert.That(Run().Calls, Is.EqualTo(new[] { "build", "run" }));
    }

    private (int ExitCode, string Error, string[] Calls) Run()
    {
        var calls = Path.Combine(_root, "calls");
        File.Delete(calls);
        var error = new StringBuilder();
        var result = Cli.Wrap("bash")
            .WithArguments(["build.sh", "--help"])
            .WithWorkingDirectory(_root)
            .WithEnvironmentVariables(variables => variables.Set("PATH", $"{Path.Combine(_root, "fake-bin")}:/usr/bin:/bin"))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(error))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync().GetAwaiter().GetResult();
        var recorded = File.Exists(calls) ? File.ReadAllLines(calls) : [];
        return (result.ExitCode, error.ToString(), [.. recorded.Select(call => call.EndsWith("_build.dll", StringComparison.Ordinal) ? "run" : call)]);
    }

    /// <summary>Every input and folder written long ago, the last build's stamp an hour later: no input is newer than it.</summary>
    private void AgeEverything()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories).Append(_root))
            File.SetLastWriteTimeUtc(entry, LongAgo);
        File.SetLastWriteTimeUtc(Path.Combine(_root, "build/obj/bootstrap.stamp"), LongAgo.AddHours(1));
    }

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
