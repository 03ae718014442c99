using System.Diagnostics;
using System.Globalization;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.Pruning;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.Gcloud;

namespace ArtifactRegistry.Benchmarks.Prune;

/// <summary>
/// <c>prune</c>: the seed's <c>for d in …; do gcloud … delete …; done</c> loop with the real gcloud on a sample of digests,
/// against PruneUntagged on a whole repository (1,000 untagged and 100 tagged versions over 5 images, 50 ms latency per REST
/// request), with single and batch deletes, without and with 5 % 429 and 5 % 503; and the memory of planning 100,000 versions.
/// Targets: ≥ 100× the loop's deletions/s, ≥ 90 % of the rate limit, planning 100,000 versions under 200 MB peak.
/// </summary>
internal sealed class PruneBenchmark : IBenchmarkCommand
{
    private const string Project = "sample-project";
    private const string Location = "asia";

    public string Name => "prune";

    public string Description => "PruneUntagged vs the seed's gcloud delete loop, deletions/s, requests, memory; planning 100,000 versions (--untagged 1000 --tagged 100 --gcloud-sample 30 --rate 250)";

    public async Task<int> RunAsync(BenchmarkArguments arguments, CancellationToken cancellationToken)
    {
        var untagged = arguments.Int("untagged", 1000);
        var tagged = arguments.Int("tagged", 100);
        var sample = arguments.Int("gcloud-sample", 30);
        var rate = arguments.Int("rate", (int)DeleteRateLimits.DefaultPerSecond);
        var planned = arguments.Int("plan-versions", 100_000);
        var latency = TimeSpan.FromMilliseconds(arguments.Int("latency-ms", 50));
        Console.WriteLine($"Prune benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {untagged} untagged + {tagged} tagged versions over 5 images, " +
                          $"{latency.TotalMilliseconds:0} ms REST latency, rate limit {rate} deletes/s");
        Console.WriteLine();

        // Planning first, while this process holds nothing else: its peak working set is then the planner's (and the runtime's).
        var planning = PlanSynthetic(planned);
        Console.WriteLine(Line($"plan {planned:N0} versions", $"{planning.Elapsed.TotalSeconds:0.00} s, {planning.Deletions:N0} deletions planned, {planning.TableLines:N0} table lines, peak working set {Mib(planning.PeakBytes)}"));

        await using var sandbox = await SandboxServer.StartAsync();
        using var http = new HttpClient();
        var seeder = new RegistrySeeder(sandbox, http);
        var context = OperationContext.Default
            .SetArtifactRegistryEndpoint(sandbox.ApiEndpoint)
            .SetAccessTokenSource(new RefreshingAccessTokenSource("sandbox admin", GooglePrincipal.ServiceAccount(SandboxPrincipals.Admin), _ =>
            {
                var now = DateTimeOffset.UtcNow;
                return Task.FromResult(new AccessToken(sandbox.IssueAccessToken(SandboxPrincipals.Admin), now, now.AddHours(1)));
            }));
        var slow = SandboxFaultPlan.None.WithLatency(latency).WithScope(SandboxFaultScope.Rest);

        // (a) The seed's loop: one gcloud process lists the untagged digests, then one process per digest deletes it.
        var loop = await GcloudLoopAsync(sandbox, seeder, slow, sample, cancellationToken);
        Console.WriteLine(loop is { } a
            ? Line($"(a) gcloud loop, {sample} digests", $"{a.PerSecond:0.00} deletions/s ({a.Elapsed.TotalSeconds:0.0} s, {sample + 1} gcloud processes)")
            : Line("(a) gcloud loop", "not measured: gcloud is not installed"));

        var runs = new List<(string Name, PruneUntaggedResult Result, double PeakMib, double AllocatedMib)>();
        foreach (var (name, mode, faults) in new[]
                 {
                     ("(b) PruneUntagged, single deletes", VersionDeleteMode.Single, slow),
                     ("(b) PruneUntagged, batch deletes", VersionDeleteMode.Batch, slow),
                     ("(c) single deletes, 5% 429 + 5% 503", VersionDeleteMode.Single, slow.WithThrottling(0.05).WithServerErrors(0.05).WithRandomSeed(7)),
                     ("(c) batch deletes, 5% 429 + 5% 503", VersionDeleteMode.Batch, slow.WithThrottling(0.05).WithServerErrors(0.05).WithRandomSeed(7)),
                 })
        {
            var repository = $"prune-{runs.Count + 1}";
            sandbox.CreateRepository(Project, Location, repository);
            sandbox.Faults.Clear();
            await seeder.SeedAsync($"{Project}/{repository}", 5, untagged, tagged, repository, cancellationToken);
            sandbox.Faults.Plan = faults;
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var result = await PruneUntagged.RunAsync(context, s => s
                .SetRepositories($"asia-docker.pkg.dev/{Project}/{repository}").SetDeleteMode(mode).SetDeletesPerSecond(rate), cancellationToken);
            var allocated = (GC.GetTotalAllocatedBytes() - allocatedBefore) / (1024.0 * 1024);
            runs.Add((name, result, Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024), allocated));
            var correct = result.Deleted + result.AlreadyGone == untagged && result.Plan.KeepCount == tagged;
            Console.WriteLine(Line(name,
                $"{result.DeletionsPerSecond,6:0} deletions/s ({result.Deleted + result.AlreadyGone}/{untagged} in {result.DeletionDuration.TotalSeconds:0.00} s), " +
                $"{result.ApiRequests} requests, total {result.Duration.TotalSeconds:0.00} s, {allocated:0} MiB allocated, process peak {runs[^1].PeakMib:0} MiB" +
                (correct ? "" : $"  WRONG: {result.Refused} refused, {result.Failed} failed, {result.NotAttempted} not attempted")));
        }

        sandbox.Faults.Clear();
        Console.WriteLine();
        var single = runs[0].Result;
        var ratio = loop is { } baseline ? single.DeletionsPerSecond / baseline.PerSecond : double.NaN;
        var rateShare = single.DeletionsPerSecond / rate;
        var allCorrect = runs.All(r => r.Result.Deleted + r.Result.AlreadyGone == untagged && r.Result.Plan.KeepCount == tagged);
        Console.WriteLine($"ratio (b)/(a): {(double.IsNaN(ratio) ? "n/a" : ratio.ToString("0", CultureInfo.InvariantCulture) + "x")} (target >= 100x)");
        Console.WriteLine($"(b) single deletes reach {rateShare:P0} of the {rate}/s rate limit (target >= 90 %)");
        Console.WriteLine($"planning {planned:N0} versions: peak working set {Mib(planning.PeakBytes)} (target < 200 MB)");
        Console.WriteLine($"every run deleted exactly the {untagged} untagged versions and kept the {tagged} tagged ones: {(allCorrect ? "yes" : "NO")}");
        var met = allCorrect && (double.IsNaN(ratio) || ratio >= 100) && rateShare >= 0.9 && planning.PeakBytes < 200L * 1024 * 1024;
        return met ? 0 : 1;
    }

    private static (TimeSpan Elapsed, int Deletions, int TableLines, long PeakBytes) PlanSynthetic(int count)
    {
        var repository = RepositoryName.FromProjectLocationRepository(Project, Location, "plan");
        var packages = Enumerable.Range(1, 5).Select(i => repository.Package($"team/app-{i}")).ToArray();
        var now = DateTimeOffset.UtcNow;
        var versions = new List<ImageVersion>(count);
        Span<byte> seed = stackalloc byte[4];
        for (var i = 0; i < count; i++)
        {
            BitConverter.TryWriteBytes(seed, i);
            var digest = ImageDigest.Compute(seed);
            var isIndex = i % 50 == 0 && i + 2 < count;
            versions.Add(new ImageVersion(packages[i % packages.Length], digest)
            {
                Tags = i % 10 == 0 ? [$"v{i}"] : [],
                UploadTime = now - TimeSpan.FromMinutes(i),
                BuildTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero),
                SizeBytes = 30_000_000 + i,
                MediaType = isIndex ? "application/vnd.oci.image.index.v1+json" : "application/vnd.oci.image.manifest.v1+json",
                Children = isIndex ? [DigestOf(i + packages.Length), DigestOf(i + 2 * packages.Length)] : [],
            });
        }

        var stopwatch = Stopwatch.StartNew();
        var plan = PrunePlanner.Plan(versions, new PrunePolicy { OlderThan = TimeSpan.FromDays(7), KeepMostRecent = 10, KeepTags = [TagPattern.Parse("^v1")] },
            new HashSet<ImageDigest> { versions[123].Digest }, now);
        var lines = 0;
        foreach (var _ in plan.ToTable())
            lines++;
        stopwatch.Stop();
        return (stopwatch.Elapsed, plan.DeleteCount, lines, Process.GetCurrentProcess().PeakWorkingSet64);

        static ImageDigest DigestOf(int index)
        {
            Span<byte> bytes = stackalloc byte[4];
            BitConverter.TryWriteBytes(bytes, index);
            return ImageDigest.Compute(bytes);
        }
    }

    private static async Task<(TimeSpan Elapsed, double PerSecond)?> GcloudLoopAsync(
        SandboxServer sandbox, RegistrySeeder seeder, SandboxFaultPlan slow, int sample, CancellationToken cancellationToken)
    {
        GcloudCli gcloud;
        try
        {
            gcloud = GcloudCli.Create()
                .WithProject(Project)
                .WithArtifactRegistryEndpoint(sandbox.ApiEndpoint)
                .WithAccessToken(sandbox.IssueAccessToken(SandboxPrincipals.Admin));
        }
        catch (Exception e) when (e.GetType().Name is "IgnoreException" or "AssertionException")
        {
            return null;
        }

        using (gcloud)
        {
            sandbox.CreateRepository(Project, Location, "loop");
            sandbox.Faults.Clear();
            await seeder.SeedAsync($"{Project}/loop", 1, sample, 0, "loop", cancellationToken);
            sandbox.Faults.Plan = slow;
            var image = $"asia-docker.pkg.dev/{Project}/loop/bench-1";
            var stopwatch = Stopwatch.StartNew();
            // for d in $(gcloud artifacts docker images list IMAGE --include-tags --filter='-tags:*' --format='get(version)'); do gcloud … delete IMAGE@$d --quiet; done
            var listing = (await gcloud.RunAsync(["artifacts", "docker", "images", "list", image, "--include-tags", "--filter=-tags:*", "--format=get(version)"],
                cancellationToken: cancellationToken)).EnsureSuccess();
            var digests = listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(sample).ToList();
            foreach (var digest in digests)
                (await gcloud.RunAsync(["artifacts", "docker", "images", "delete", $"{image}@{digest}", "--quiet"], cancellationToken: cancellationToken)).EnsureSuccess();
            stopwatch.Stop();
            if (digests.Count != sample)
                throw new InvalidOperationException($"gcloud listed {digests.Count} untagged digests, {sample} were seeded.");
            return (stopwatch.Elapsed, sample / stopwatch.Elapsed.TotalSeconds);
        }
    }

    private static string Line(string what, string figures) => $"{what,-40} {figures}";

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("0 'MiB'", CultureInfo.InvariantCulture);
}
