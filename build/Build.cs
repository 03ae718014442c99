using System;
using System.IO;
using System.Linq;
using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tooling;
using ArtifactRegistry.Nuke;
using Serilog;

/// <summary>
/// This repository's own build: ./build.sh [Clean] [Restore] [Compile] [Test] [Pack] [--configuration Release], the local sandbox
/// (Build.Sandbox.cs), and the library's own components, so that ./build.sh Deploy works here as it does in a user's build (with
/// nothing configured, against a sandbox it starts itself: Build.LocalDeploy.cs).
/// </summary>
partial class Build : NukeBuild, IArtifactRegistryDeploy
{
    public static int Main() => Execute<Build>(x => x.Compile);

    [Parameter("Configuration to build - Default is 'Debug' (local) or 'Release' (server)")]
    readonly Configuration Configuration = IsLocalBuild ? Configuration.Debug : Configuration.Release;

    static readonly string[] SourceRoots = ["source", "tests", "benchmarks"];

    AbsolutePath Solution => RootDirectory / "ArtifactRegistry.Nuke.sln";
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    Target Clean => _ => _
        .Description("Deletes bin/ and obj/ under source/, tests/ and benchmarks/, and artifacts/")
        .Before(Restore)
        .Executes(() =>
        {
            var outputDirectories = SourceRoots
                .Select(x => RootDirectory / x)
                .Where(x => x.DirectoryExists())
                .SelectMany(OutputDirectoriesUnder)
                .ToList();
            outputDirectories.DeleteDirectories();
            ArtifactsDirectory.DeleteDirectory();
            Log.Information("Deleted {Count} bin/obj directories and {Artifacts}", outputDirectories.Count, ArtifactsDirectory);
        });

    Target Restore => _ => _
        .Description("Restores the solution's NuGet packages")
        .Executes(() => DotNet($"restore {Solution:dn}"));

    Target Compile => _ => _
        .Description("Builds the solution")
        .DependsOn(Restore)
        .Executes(() => DotNet($"build {Solution:dn} --no-restore --configuration {Configuration} -nodeReuse:false"));

    Target InstallTestParts => _ => _
        .Description("Installs what the tests need from the machine (.ci/install), as root; as another user, names the command that does")
        .Before(Restore)
        .Executes(() => MachineParts.Ensure(RootDirectory,
            "./build.sh Test cannot run every test (those needing a missing part would be skipped, or fail under CI=true)"));

    Target Test => _ => _
        .Description("Installs what the tests need, then runs every test project; TRX results go to artifacts/test-results/")
        .DependsOn(InstallTestParts, Compile)
        .Executes(() =>
        {
            TestResultsDirectory.CreateOrCleanDirectory();

            // The environment is passed through unchanged: tests read CI=true to turn missing external parts into failures.
            var process = StartDotNet(
                $"test {Solution:dn} --no-build --configuration {Configuration} --logger trx --results-directory {TestResultsDirectory:dn}");
            process.AssertWaitForExit();

            var summary = TestRunSummary.FromTrxFiles(TestResultsDirectory);
            Log.Information("{Summary}", summary.ToString());
            foreach (var group in summary.SkippedFor)
                Log.Warning("{Count} test(s) skipped for want of {Part}: {Reason}", group.Count, group.Part, group.Reason);
            foreach (var error in summary.RunErrors)
                Log.Error("Outside any test: {Error}", error);
            Assert.True(summary.Failed == 0,
                $"{summary.Failed} test(s) failed: their messages are above, the details in the TRX files in {TestResultsDirectory}.");
            Assert.True(summary.RunErrors.Count == 0,
                $"{summary.RunErrors.Count} test assembly run(s) reported errors outside any test (above; RunInfos in the TRX files in {TestResultsDirectory}).");
            process.AssertZeroExitCode();
        });

    Target Pack => _ => _
        .Description("Packs the packable projects into artifacts/")
        .DependsOn(Compile)
        .Executes(() =>
        {
            ArtifactsDirectory.CreateDirectory();
            foreach (var package in Directory.EnumerateFiles(ArtifactsDirectory, "*.nupkg"))
                ((AbsolutePath) package).DeleteFile();

            DotNet($"pack {Solution:dn} --no-build --configuration {Configuration} --output {ArtifactsDirectory:dn} -nodeReuse:false");
        });

    IProcess StartDotNet(string arguments) => ProcessTasks.StartProcess("dotnet", arguments, workingDirectory: RootDirectory);

    void DotNet(string arguments) => StartDotNet(arguments).AssertZeroExitCode();

    static System.Collections.Generic.IEnumerable<AbsolutePath> OutputDirectoriesUnder(AbsolutePath directory)
    {
        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            var path = (AbsolutePath) child;
            if (path.Name is "bin" or "obj")
                yield return path;
            else
                foreach (var nested in OutputDirectoriesUnder(path))
                    yield return nested;
        }
    }
}
