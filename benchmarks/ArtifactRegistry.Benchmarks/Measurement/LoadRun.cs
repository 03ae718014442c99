using System.Diagnostics;

namespace ArtifactRegistry.Benchmarks.Measurement;

/// <summary>What a load run achieved: operations, bytes and failures over the measured time.</summary>
internal sealed record LoadResult(long Operations, long Bytes, long Failures, TimeSpan Elapsed)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public double MegabytesPerSecond => Bytes / Elapsed.TotalSeconds / (1024 * 1024);
}

/// <summary>
/// Runs one operation in a loop from <c>clients</c> concurrent workers: a warm-up (not counted), then a measured window.
/// An operation returns the bytes it moved and whether it succeeded.
/// </summary>
internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(int clients, TimeSpan warmUp, TimeSpan duration, Func<int, CancellationToken, Task<(bool Ok, long Bytes)>> operation, CancellationToken cancellationToken)
    {
        long operations = 0, bytes = 0, failures = 0;
        var measuring = false;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                (bool Ok, long Bytes) outcome;
                try
                {
                    outcome = await operation(worker, stop.Token);
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpRequestException)
                {
                    outcome = (false, 0);
                }

                if (!Volatile.Read(ref measuring))
                    continue;
                if (outcome.Ok)
                {
                    Interlocked.Increment(ref operations);
                    Interlocked.Add(ref bytes, outcome.Bytes);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, CancellationToken.None)).ToList();

        await Task.Delay(warmUp, cancellationToken);
        Volatile.Write(ref measuring, true);
        var watch = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        Volatile.Write(ref measuring, false);
        var elapsed = watch.Elapsed;
        var result = new LoadResult(Interlocked.Read(ref operations), Interlocked.Read(ref bytes), Interlocked.Read(ref failures), elapsed);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        return result;
    }
}
