using ArtifactRegistry.Benchmarks.Auth;
using ArtifactRegistry.Benchmarks.Processes;
using ArtifactRegistry.Benchmarks.Prune;
using ArtifactRegistry.Benchmarks.Push;
using ArtifactRegistry.Benchmarks.Rollout;
using ArtifactRegistry.Benchmarks.Sandbox;

namespace ArtifactRegistry.Benchmarks;

/// <summary>A benchmark command: a name on the command line and what it measures.</summary>
internal interface IBenchmarkCommand
{
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(BenchmarkArguments arguments, CancellationToken cancellationToken);
}

/// <summary>Dispatches <c>-- COMMAND [--option value]…</c> to the command of that name; new commands are added to <see cref="All"/>.</summary>
internal static class BenchmarkCommands
{
    private static readonly IBenchmarkCommand[] All =
        [new SandboxBenchmark(), new AuthBenchmark(), new PushBenchmark(), new ProcessStartBenchmark(), new Cluster.ClusterBenchmark(),
         new PruneBenchmark(), new SetImageBenchmark(), new Deploy.DeployBenchmark(), new Cache.CacheBenchmark()];

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length > 0 ? All.FirstOrDefault(c => c.Name == args[0]) : null;
        if (command is null)
        {
            Console.Error.WriteLine(args.Length == 0 ? "Name a benchmark command." : $"Unknown benchmark command \"{args[0]}\".");
            Console.Error.WriteLine("Usage: dotnet run -c Release --project benchmarks/ArtifactRegistry.Benchmarks -- COMMAND [--option value]...");
            foreach (var known in All)
                Console.Error.WriteLine($"  {known.Name,-12} {known.Description}");
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        try
        {
            return await command.RunAsync(BenchmarkArguments.Parse(args[1..]), cancellation.Token);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
