using System.Text.RegularExpressions;
using ArtifactRegistry.Benchmarks.Measurement;
using ArtifactRegistry.Benchmarks.Sandbox;
using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.Docker;

namespace ArtifactRegistry.Benchmarks.Cache;

/// <summary>
/// <c>cache</c>: the registry build cache on an empty engine, as every hosted CI runner starts. A Dockerfile with a slow <c>RUN</c>
/// step is built and pushed once; then, each on a fresh private dockerd holding only the base image, the same commit is built
/// and pushed again with the cache (the default) and with <c>NoCache</c>: time, layers uploaded and digest of each.
/// </summary>
internal sealed partial class CacheBenchmark : IBenchmarkCommand
{
    private const double TargetRatio = 5;

    public string Name => "cache";

    public string Description => "Rebuild on a fresh engine with the registry cache vs --no-cache: target >= 5x faster, 0 layers uploaded, same digest (--megabytes 1000)";

    public async Task<int> RunAsync(BenchmarkArguments arguments, CancellationToken cancellationToken)
    {
        var megabytes = arguments.Int("megabytes", 1000);
        await using var sandbox = await SandboxServer.StartAsync(ct: cancellationToken);
        var root = Directory.CreateTempSubdirectory("ar-cache-bench-").FullName;
        try
        {
            var source = Directory.CreateDirectory(Path.Combine(root, "source")).FullName;
            // Real work that takes seconds (hashing the megabytes), and a stamp that makes each run of the step a new layer.
            File.WriteAllText(Path.Combine(source, "Dockerfile"),
                $"FROM {BusyboxBase.Reference}\n" +
                $"RUN dd if=/dev/zero bs=1M count={megabytes} 2>/dev/null | sha256sum > /work.txt && date +%s%N > /stamp.txt\n" +
                "COPY app.sh /app.sh\n");
            File.WriteAllText(Path.Combine(source, "app.sh"), $"#!/bin/sh\necho {Guid.NewGuid()}\n");
            await BenchmarkGit.RunAsync(source, "init", "--quiet", "--initial-branch=main");
            await BenchmarkGit.RunAsync(source, "add", "--all");
            await BenchmarkGit.RunAsync(source, "commit", "--quiet", "--no-gpg-sign", "-m", "benchmark");
            var baseImage = Path.Combine(root, "base.tar");
            var home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
            var settings = new BuildAndPushSettings()
                .SetImage($"asia-docker.pkg.dev/sample-project/sample/cache-{Guid.NewGuid().ToString("N")[..8]}")
                .SetContextDirectory(source)
                .SetDockerAuthSettings(auth => auth.SetMode(DockerAuthMode.AccessToken));

            Run seed;
            await using (var engine = await PrivateDockerd.StartAsync(cancellationToken: cancellationToken))
            {
                await BusyboxBase.EnsureAsync(engine, cancellationToken);
                (await engine.DockerAsync("save", "--output", baseImage, BusyboxBase.Reference)).EnsureSuccess();
                seed = await RunAsync(sandbox, engine, home, settings, cancellationToken);
            }
            var cached = await FreshEngineRunAsync(sandbox, baseImage, home, settings, cancellationToken);
            var uncached = await FreshEngineRunAsync(sandbox, baseImage, home, settings.EnableNoCache(), cancellationToken);

            var ratio = uncached.Result.TotalDuration / cached.Result.TotalDuration;
            var met = ratio >= TargetRatio && cached.Result.LayersPushed == 0 && cached.Result.Digest == seed.Result.Digest;
            Console.WriteLine($"cache: BuildAndPush of FROM busybox + RUN (sha256 of {megabytes} MB) + COPY, legacy builder, each rebuild on a fresh private dockerd holding only the base image");
            Console.WriteLine($"  {"",-30} {"total",9} {"build",9} {"push",9} {"layers up",10} {"cached steps",13}  digest");
            Row("first push (seeds latest)", seed, seed);
            Row("rebuild, registry cache", cached, seed);
            Row("rebuild, --docker-no-cache", uncached, seed);
            Console.WriteLine($"  total includes the cache pull, docker auth, the access preflight and registry verification.");
            Console.WriteLine($"  uncached / cached total: {ratio:0.0}x; target >= {TargetRatio:0}x, 0 layers uploaded, same digest: {(met ? "met" : "NOT met")}");
            return met ? 0 : 1;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<Run> FreshEngineRunAsync(SandboxServer sandbox, string baseImage, string home, BuildAndPushSettings settings, CancellationToken cancellationToken)
    {
        await using var engine = await PrivateDockerd.StartAsync(cancellationToken: cancellationToken);
        // The base image as a CI runner pulls it: the same image id on every engine.
        (await engine.DockerAsync("load", "--input", baseImage)).EnsureSuccess();
        return await RunAsync(sandbox, engine, home, settings, cancellationToken);
    }

    private static async Task<Run> RunAsync(SandboxServer sandbox, PrivateDockerd engine, string home, BuildAndPushSettings settings, CancellationToken cancellationToken)
    {
        var log = new LineLogger();
        var result = await BuildAndPush.RunAsync(SandboxDeployerContext.For(sandbox, engine, home).SetLogger(log), settings, cancellationToken);
        var summary = log.Lines.Select(line => CacheSummary().Match(line)).FirstOrDefault(match => match.Success);
        return new Run(result, summary is null ? "off" : $"{summary.Groups["cached"].Value} of {summary.Groups["steps"].Value}");
    }

    private static void Row(string name, Run run, Run seed)
    {
        var result = run.Result;
        var digest = result.Digest.ToShortString() + (run == seed ? "" : result.Digest == seed.Result.Digest ? " (same)" : " (new)");
        Console.WriteLine($"  {name,-30} {Seconds(result.TotalDuration),9} {Seconds(result.BuildDuration),9} {Seconds(result.PushDuration),9} " +
                          $"{result.LayersPushed,10} {run.CachedSteps,13}  {digest}");
    }

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds:0.00} s";

    [GeneratedRegex(@"Build cache \S+ \([^)]*\): (?<cached>\d+) of (?<steps>\d+) steps came from the cache")]
    private static partial Regex CacheSummary();

    private sealed record Run(BuildAndPushResult Result, string CachedSteps);
}
