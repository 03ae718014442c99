using System.Diagnostics;
using ArtifactRegistry.Processes;
using CliWrap;

namespace ArtifactRegistry.Benchmarks.Processes;

/// <summary>
/// <c>processes</c>: what the process runner adds to each program it starts, against a bare <see cref="Process.Start()"/>
/// of the same trivial program (standard streams redirected and read to the end, as any runner must) and a bare CliWrap
/// run, which the runner is built on, in the same run.
/// The ways of starting take turns, so a busy machine slows them alike.
/// </summary>
internal sealed class ProcessStartBenchmark : IBenchmarkCommand
{
    private const string Program = "/bin/true";

    public string Name => "processes";

    public string Description => $"per-start cost of the process runner vs bare Process.Start and CliWrap runs of {Program}, as a ratio (--runs 100 --warm-up 10)";

    public async Task<int> RunAsync(BenchmarkArguments arguments, CancellationToken cancellationToken)
    {
        var runs = arguments.Int("runs", 100);
        var warmUp = arguments.Int("warm-up", 10);
        var ways = new (string Name, Func<CancellationToken, Task> Start)[]
        {
            ("bare Process.Start", BareProcessStartAsync),
            ("bare CliWrap", BareCliWrapAsync),
            ("ProcessRunner", RunnerAsync),
        };

        var samples = ways.Select(_ => new List<TimeSpan>(runs)).ToArray();
        for (var round = -warmUp; round < runs; round++)
        {
            for (var way = 0; way < ways.Length; way++)
            {
                var stopwatch = Stopwatch.StartNew();
                await ways[way].Start(cancellationToken);
                if (round >= 0)
                    samples[way].Add(stopwatch.Elapsed);
            }
        }

        var bare = Median(samples[0]);
        Console.WriteLine($"processes: {runs} starts of {Program} each (after {warmUp} warm-up rounds), taking turns");
        Console.WriteLine($"  {"way",-24} {"median",10} {"p95",10} {"median / bare",14}");
        for (var way = 0; way < ways.Length; way++)
        {
            var median = Median(samples[way]);
            Console.WriteLine($"  {ways[way].Name,-24} {Format(median),10} {Format(Percentile(samples[way], 0.95)),10} {median / bare,13:0.00}x");
        }
        return 0;
    }

    private static async Task BareProcessStartAsync(CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(Program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await output;
        await error;
    }

    private static async Task BareCliWrapAsync(CancellationToken cancellationToken) =>
        await Cli.Wrap(Program).ExecuteAsync(cancellationToken);

    private static Task RunnerAsync(CancellationToken cancellationToken) =>
        ProcessCommand.For(Program).ExecuteAsync(cancellationToken);

    private static TimeSpan Median(List<TimeSpan> samples) => Percentile(samples, 0.5);

    private static TimeSpan Percentile(List<TimeSpan> samples, double share)
    {
        var sorted = samples.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Format(TimeSpan time) => $"{time.TotalMilliseconds:0.00} ms";
}
