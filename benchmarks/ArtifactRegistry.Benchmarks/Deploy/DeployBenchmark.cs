using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ArtifactRegistry.Benchmarks.Measurement;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.Gcloud;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Benchmarks.Deploy;

/// <summary>
/// <c>deploy</c>: the seed article's deploy script (bash with the real docker, gcloud and kubectl, the registry host mapped to the
/// sandbox for docker) next to this repository's <c>./build.sh Deploy</c> (a cold build process) and a Cake script's <c>Deploy()</c>
/// (a cold <c>dotnet cake</c>), against one sandbox and one private dockerd: each fresh (new content) and then again unchanged. Prints wall times, what each verified, and Deploy's own share.
/// </summary>
internal sealed partial class DeployBenchmark : IBenchmarkCommand
{
    // A deploy is one short process: its own share in a cold process, and an unchanged rerun against the seed script's.
    private static readonly TimeSpan OwnShareTarget = TimeSpan.FromSeconds(0.3);
    private const double UnchangedRatioTarget = 0.45;
    private const string Image = "asia-docker.pkg.dev/sample-project/sample/sample-api";

    public string Name => "deploy";

    public string Description => "the seed's bash deploy script vs ./build.sh Deploy and dotnet cake's Deploy(), fresh and unchanged; targets: own share <= 0.3 s, unchanged <= 0.45x the seed script (--runs 3, --speed fast|realistic)";

    public async Task<int> RunAsync(BenchmarkArguments arguments, CancellationToken cancellationToken)
    {
        var realistic = arguments.Text("speed", "fast") == "realistic";
        var runs = arguments.Int("runs", 3);
        var root = RepositoryRoot();
        // The build finds its root from the working directory, as ./build.sh runs it.
        Directory.SetCurrentDirectory(root);
        var bootstrap = await BootstrapCostAsync(root, cancellationToken);

        await using var engine = await PrivateDockerd.StartAsync(cancellationToken: cancellationToken);
        var cluster = SandboxClusterOptions.Default.WithSpeed(realistic ? SandboxClusterSpeed.Realistic : SandboxClusterSpeed.Fast);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions().WithCluster(cluster), cancellationToken);
        sandbox.Grant("projects/sample-project/locations/asia/repositories/sample", "roles/artifactregistry.reader", SandboxServer.MemberOf(cluster.NodeServiceAccount));
        var work = Directory.CreateTempSubdirectory("ar-deploy-bench-").FullName;
        try
        {
            var source = await SampleCopyAsync(root, Path.Combine(work, "source"));
            var envFile = Path.Combine(work, "sandbox.env");
            await sandbox.WriteEnvFileAsync(envFile, Path.Combine(work, "sandbox-keys"));
            using var gcloud = GcloudCli.Create(allowUnrecognizedRegistry: true).WithProject("sample-project").WithAccessToken(sandbox.IssueAccessToken(SandboxPrincipals.Deployer));
            using var docker = engine.CreateClient();
            var seed = new SeedScript(work, source, sandbox.RegistryHost("asia"),
                await sandbox.WriteKubeconfigAsync(Path.Combine(work, "seed-kubeconfig")), gcloud, docker);
            var cake = await CakeScript.PrepareAsync(root, work, envFile, cancellationToken);
            // Not measured: installs the addin from the feed and fills Cake's script cache, as any first run on a machine does.
            await ChangeAsync(source, "Cake, first run");
            await CakeDeployAsync(cake, source, engine, cancellationToken);

            // Alternately, so that machine load drifting during the run weighs on both alike; medians of --runs each.
            var seedFresh = new List<TimeSpan>();
            var seedUnchanged = new List<TimeSpan>();
            var deployFresh = new List<DeployRun>();
            var deployUnchanged = new List<DeployRun>();
            var cakeFresh = new List<DeployRun>();
            var cakeUnchanged = new List<DeployRun>();
            var cakeEmpty = new List<TimeSpan>();
            var cakeAddinOnly = new List<TimeSpan>();
            for (var run = 0; run < runs; run++)
            {
                await ChangeAsync(source, $"seed, fresh {run}");
                seedFresh.Add(await seed.RunAsync(cancellationToken));
                seedUnchanged.Add(await seed.RunAsync(cancellationToken));
                await ChangeAsync(source, $"Deploy, fresh {run}");
                deployFresh.Add(await DeployAsync(root, source, envFile, engine, cancellationToken));
                deployUnchanged.Add(await DeployAsync(root, source, envFile, engine, cancellationToken));
                await ChangeAsync(source, $"Cake Deploy, fresh {run}");
                cakeFresh.Add(await CakeDeployAsync(cake, source, engine, cancellationToken));
                cakeUnchanged.Add(await CakeDeployAsync(cake, source, engine, cancellationToken));
                cakeEmpty.Add(await cake.RunEmptyAsync(withAddin: false, cancellationToken));
                cakeAddinOnly.Add(await cake.RunEmptyAsync(withAddin: true, cancellationToken));
            }

            var (fresh, unchanged) = (Median(deployFresh.Select(r => r.Wall)), Median(deployUnchanged.Select(r => r.Wall)));
            var (freshShare, unchangedShare) = (Median(deployFresh.Select(r => r.Overhead)), Median(deployUnchanged.Select(r => r.Overhead)));
            Console.WriteLine($"deploy: the seed's bash script and ./build.sh Deploy (a cold build process), fresh (new content) then unchanged;");
            Console.WriteLine($"  one sandbox (cluster speed {(realistic ? "Realistic" : "Fast")}), one private dockerd, a FROM-scratch sample image; medians of {runs} runs each");
            Console.WriteLine($"  {"",-24} {"wall",8}  verified");
            Console.WriteLine($"  {"seed script, fresh",-24} {Seconds(Median(seedFresh)),8}  exit codes only: no digest, no wait for the rollout");
            Console.WriteLine($"  {"seed script, unchanged",-24} {Seconds(Median(seedUnchanged)),8}  the same; an unchanged :latest string patches nothing");
            Console.WriteLine($"  {"Deploy, fresh",-24} {Seconds(fresh),8}  access preflight, every tag's digest in the registry, rollout to all replicas available on the digest");
            Console.WriteLine($"  {"Deploy, unchanged",-24} {Seconds(unchanged),8}  the same; the digest found running, nothing patched ({deployUnchanged.Count(r => r.AlreadyRunning)}/{runs} runs)");
            Console.WriteLine($"  Deploy's own share (operation total - docker build and push - wait for pods), cold process: fresh {Seconds(freshShare)}, unchanged {Seconds(unchangedShare)}" +
                              $" (all runs: {string.Join(", ", deployFresh.Concat(deployUnchanged).Select(r => $"{r.Overhead.TotalSeconds:0.00}"))})");
            Console.WriteLine($"  ./build.sh, process start and NUKE around the operation: fresh {Seconds(Median(deployFresh.Select(r => r.Wall - r.Operation)))}, unchanged {Seconds(Median(deployUnchanged.Select(r => r.Wall - r.Operation)))}" +
                              $" (of which ./build.sh's check that build/ is up to date: {Seconds(bootstrap)})");
            Console.WriteLine($"  unchanged rerun, ./build.sh Deploy / seed script: {unchanged / Median(seedUnchanged):0.00}×");
            var (cakeFreshWall, cakeUnchangedWall) = (Median(cakeFresh.Select(r => r.Wall)), Median(cakeUnchanged.Select(r => r.Wall)));
            Console.WriteLine($"  {"Cake Deploy, fresh",-24} {Seconds(cakeFreshWall),8}  as Deploy (dotnet cake, build.cake with Deploy(), Cake's script cache on)");
            Console.WriteLine($"  {"Cake Deploy, unchanged",-24} {Seconds(cakeUnchangedWall),8}  as Deploy; the digest found running ({cakeUnchanged.Count(r => r.AlreadyRunning)}/{runs} runs)");
            Console.WriteLine($"  Cake Deploy's own share, cold process: fresh {Seconds(Median(cakeFresh.Select(r => r.Overhead)))}, unchanged {Seconds(Median(cakeUnchanged.Select(r => r.Overhead)))}" +
                              $" (all runs: {string.Join(", ", cakeFresh.Concat(cakeUnchanged).Select(r => $"{r.Overhead.TotalSeconds:0.00}"))})");
            Console.WriteLine($"  dotnet cake around the operation (start, cached script, addin load): fresh {Seconds(Median(cakeFresh.Select(r => r.Wall - r.Operation)))}, unchanged {Seconds(Median(cakeUnchanged.Select(r => r.Wall - r.Operation)))}");
            Console.WriteLine($"  unchanged rerun, dotnet cake / seed script: {cakeUnchangedWall / Median(seedUnchanged):0.00}×");
            Console.WriteLine($"  {"dotnet cake, empty task",-24} {Seconds(Median(cakeEmpty)),8}  Cake's own floor: the same tool and script cache, no addin, a task that does nothing");
            Console.WriteLine($"  {"  the same, with #addin",-24} {Seconds(Median(cakeAddinOnly)),8}  the addin's #addin line and no alias: Cake resolves the package through its NuGet client on every run");
            var seedBase = Median(seedUnchanged);
            var nukeMet = Report("./build.sh Deploy", freshShare, unchangedShare, unchanged / seedBase);
            var cakeMet = Report("dotnet cake Deploy()", Median(cakeFresh.Select(r => r.Overhead)), Median(cakeUnchanged.Select(r => r.Overhead)), cakeUnchangedWall / seedBase);
            if (Median(cakeEmpty) > seedBase * UnchangedRatioTarget)
                Console.WriteLine($"  note: dotnet cake with an empty task alone takes {Median(cakeEmpty) / seedBase:0.00}× the seed script's unchanged run, above the {UnchangedRatioTarget:0.00}× target before any alias runs");
            var met = nukeMet && cakeMet;
            return met ? 0 : 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static bool Report(string host, TimeSpan freshShare, TimeSpan unchangedShare, double unchangedRatio)
    {
        var shareMet = freshShare <= OwnShareTarget && unchangedShare <= OwnShareTarget;
        var ratioMet = unchangedRatio <= UnchangedRatioTarget;
        Console.WriteLine($"  target, {host}: own share <= {OwnShareTarget.TotalSeconds:0.0} s fresh and unchanged: {(shareMet ? "met" : "NOT met")}; " +
                          $"unchanged <= {UnchangedRatioTarget:0.00}× the seed script: {(ratioMet ? "met" : "NOT met")} ({unchangedRatio:0.00}×)");
        return shareMet && ratioMet;
    }

    /// <summary>What <c>./build.sh</c> adds to running the build's assembly directly when build/ is up to date.</summary>
    private static async Task<TimeSpan> BootstrapCostAsync(string root, CancellationToken cancellationToken)
    {
        // The first call builds build/ if anything changed; the second is what every later command pays.
        (await ExternalProgram.RunAsync("bash", ["build.sh", "--help"], DotNetQuiet(), timeout: TimeSpan.FromMinutes(10), cancellationToken: cancellationToken)).EnsureSuccess();
        var script = await TimedAsync(() => ExternalProgram.RunAsync("bash", ["build.sh", "--help"], DotNetQuiet(), cancellationToken: cancellationToken));
        var direct = await TimedAsync(() => ExternalProgram.RunAsync("dotnet", [BuildAssembly(root), "--help"], DotNetQuiet(), cancellationToken: cancellationToken));
        return script - direct;
    }

    private static async Task<DeployRun> DeployAsync(string root, string source, string envFile, PrivateDockerd engine, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = (await ExternalProgram.RunAsync("bash",
            ["build.sh", "Deploy", "--use-sandbox", "--sandbox-env-file", envFile, "--image", Image, "--docker-context", source,
             "--workloads", "deployment/sample-api", "--kube-namespace", "sample-namespace"],
            new Dictionary<string, string>(DotNetQuiet()) { ["DOCKER_HOST"] = engine.DockerHost }, timeout: TimeSpan.FromMinutes(5), cancellationToken: cancellationToken)).EnsureSuccess();
        var wall = stopwatch.Elapsed;
        var time = DeployTime().Match(result.StandardOutput);
        if (!time.Success)
            throw new InvalidOperationException("Deploy printed no summary table:" + Environment.NewLine + result.StandardOutput);
        return new DeployRun(wall, SecondsOf(time.Groups["total"].Value), SecondsOf(time.Groups["own"].Value),
            result.StandardOutput.Contains("already running this digest", StringComparison.Ordinal));
    }

    private static async Task<DeployRun> CakeDeployAsync(CakeScript cake, string source, PrivateDockerd engine, CancellationToken cancellationToken)
    {
        var (wall, output) = await cake.RunAsync(Image, source, engine, cancellationToken);
        var time = DeployTime().Match(output);
        if (!time.Success)
            throw new InvalidOperationException("Deploy in dotnet cake printed no summary table:" + Environment.NewLine + output);
        return new DeployRun(wall, SecondsOf(time.Groups["total"].Value), SecondsOf(time.Groups["own"].Value),
            output.Contains("already running this digest", StringComparison.Ordinal));
    }

    private static async Task<string> SampleCopyAsync(string root, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Path.Combine(root, "samples", "sample-api")))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        await BenchmarkGit.RunAsync(target, "init", "--quiet", "--initial-branch=main");
        return target;
    }

    private static async Task ChangeAsync(string source, string what)
    {
        await File.WriteAllTextAsync(Path.Combine(source, "greeting.txt"), $"Hello from sample-api ({what}, {Guid.NewGuid()})\n");
        await BenchmarkGit.RunAsync(source, "add", "--all");
        await BenchmarkGit.RunAsync(source, "commit", "--quiet", "--no-gpg-sign", "-m", what);
    }

    private static async Task<TimeSpan> TimedAsync(Func<Task<CommandResult>> run)
    {
        var stopwatch = Stopwatch.StartNew();
        (await run()).EnsureSuccess();
        return stopwatch.Elapsed;
    }

    private static Dictionary<string, string> DotNetQuiet() => new() { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };

    private static string BuildAssembly(string root) => Path.Combine(root, "build", "bin", "Debug", "net10.0", "_build.dll");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "build.sh")) && Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                return directory.FullName;
        throw new InvalidOperationException("Run the benchmark from this repository's build output: the root (build.sh, .nuke/) is not above it.");
    }

    private static TimeSpan SecondsOf(string text) => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds:0.00} s";

    private static TimeSpan Median(IEnumerable<TimeSpan> samples)
    {
        var sorted = samples.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }

    [GeneratedRegex(@"time  : total (?<total>[0-9.]+) s = .*Deploy's own (?<own>[0-9.]+) s")]
    private static partial Regex DeployTime();

    private sealed record DeployRun(TimeSpan Wall, TimeSpan Operation, TimeSpan Overhead, bool AlreadyRunning);
}
