using System.Diagnostics;
using ArtifactRegistry.Context;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Benchmarks.Auth;

/// <summary>
/// <c>auth</c>: the cost of EnsureDockerAuth's configuration step when docker is already configured, against
/// <c>gcloud auth configure-docker HOST --quiet</c> measured in the same run on the same config, as a ratio (target ≥ 20×),
/// and the number of child processes the warm path started (target: none).
/// </summary>
internal sealed class AuthBenchmark : IBenchmarkCommand
{
    private const string Host = "asia-docker.pkg.dev";
    private const string Image = $"{Host}/sample-project/sample/sample-api:latest";

    public string Name => "auth";

    public string Description => "EnsureDockerAuth's warm configuration step vs gcloud auth configure-docker HOST --quiet, as a ratio (--runs 200 --gcloud-runs 5)";

    public async Task<int> RunAsync(BenchmarkArguments arguments, CancellationToken cancellationToken)
    {
        var iterations = arguments.Int("runs", 200);
        var gcloudRuns = arguments.Int("gcloud-runs", 5);
        var root = Directory.CreateTempSubdirectory("ar-auth-bench-").FullName;
        try
        {
            var dockerConfig = Directory.CreateDirectory(Path.Combine(root, "docker")).FullName;
            var gcloudConfig = Directory.CreateDirectory(Path.Combine(root, "gcloud")).FullName;
            File.WriteAllText(Path.Combine(gcloudConfig, "active_config"), "default");
            Directory.CreateDirectory(Path.Combine(gcloudConfig, "configurations"));
            File.WriteAllText(Path.Combine(gcloudConfig, "configurations", "config_default"),
                "[core]\naccount = deployer@sample-project.iam.gserviceaccount.com\ndisable_usage_reporting = true\ncheck_gce_metadata = false\n" +
                "[component_manager]\ndisable_update_check = true\n");

            var context = OperationContext.Default
                .SetDockerConfigDirectory(dockerConfig)
                .SetHomeDirectory(root)
                .SetEnvironmentVariable("CLOUDSDK_CONFIG", gcloudConfig);
            var settings = new EnsureDockerAuthSettings()
                .SetImages(Image)
                .SetMode(DockerAuthMode.CredentialHelper)
                .DisableAccessPreflight();

            // Cold run: writes the helper entry; everything after it is the warm path being measured.
            var cold = await EnsureDockerAuth.RunAsync(context, settings, cancellationToken);
            for (var i = 0; i < 20; i++)
                await EnsureDockerAuth.RunAsync(context, settings, cancellationToken);

            var ours = new List<TimeSpan>(iterations);
            var childProcesses = 0;
            var writes = 0;
            for (var i = 0; i < iterations; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                var result = await EnsureDockerAuth.RunAsync(context, settings, cancellationToken);
                ours.Add(stopwatch.Elapsed);
                childProcesses += result.ChildProcesses;
                writes += result.ConfigChange!.Written ? 1 : 0;
            }

            var gcloud = new List<TimeSpan>(gcloudRuns);
            var command = ProcessCommand.For("gcloud")
                .WithArguments(["auth", "configure-docker", Host, "--quiet"])
                .WithEnvironment(environment => environment
                    .Set("DOCKER_CONFIG", dockerConfig)
                    .Set("CLOUDSDK_CONFIG", gcloudConfig)
                    .Set("CLOUDSDK_CORE_DISABLE_PROMPTS", "true"))
                .WithTimeout(TimeSpan.FromMinutes(1));
            for (var i = 0; i < gcloudRuns; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                await command.ExecuteAsync(cancellationToken);
                gcloud.Add(stopwatch.Elapsed);
            }

            var oursMedian = Median(ours);
            var gcloudMedian = Median(gcloud);
            var ratio = gcloudMedian / oursMedian;
            Console.WriteLine("auth: docker credential helper configuration when already configured");
            Console.WriteLine($"  {"step",-58} {"runs",5} {"median",12} {"p95",12}");
            Console.WriteLine($"  {"EnsureDockerAuth (CredentialHelper, no preflight)",-58} {iterations,5} {Format(oursMedian),12} {Format(Percentile(ours, 0.95)),12}");
            Console.WriteLine($"  {"gcloud auth configure-docker " + Host + " --quiet",-58} {gcloudRuns,5} {Format(gcloudMedian),12} {Format(Percentile(gcloud, 0.95)),12}");
            Console.WriteLine($"  ratio (gcloud / EnsureDockerAuth, medians): {ratio:0}x  (target >= 20x: {(ratio >= 20 ? "met" : "NOT met")})");
            Console.WriteLine($"  warm runs: {childProcesses} child processes, {writes} config writes (target: 0 and 0); cold run wrote: {cold.ConfigChange!.Written}");
            return ratio >= 20 && childProcesses == 0 && writes == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static TimeSpan Median(List<TimeSpan> samples) => Percentile(samples, 0.5);

    private static TimeSpan Percentile(List<TimeSpan> samples, double share)
    {
        var sorted = samples.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Format(TimeSpan time) =>
        time.TotalMilliseconds >= 1 ? $"{time.TotalMilliseconds:0.00} ms" : $"{time.TotalMicroseconds:0} µs";
}
