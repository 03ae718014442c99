using System.Collections.Concurrent;
using System.Net;
using ArtifactRegistry.References;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArtifactRegistry.Registry;

/// <summary>
/// Deletes versions in rounds, a round starting when the one before is done (indexes before the platform manifests they list),
/// each round in parallel under the project and location's delete rate limit. A version's tags go first; the version itself
/// is deleted without force, so a tag someone added since the plan makes the registry refuse instead of losing that tag.
/// 404 counts as already gone; 429 and 5xx are retried by the client (Retry-After honoured), and a version that still failed
/// gets one more try at the end of its round. Cancellation starts nothing new and lets requests already sent finish
/// (<see cref="VersionDeleterOptions.CancellationGrace"/>), so the report says exactly what was deleted.
/// </summary>
internal sealed partial class VersionDeleter(ArtifactRegistryClient client, VersionDeleterOptions? options = null, ILogger? logger = null)
{
    private readonly VersionDeleterOptions _options = options ?? new VersionDeleterOptions();
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private ArtifactRegistryApiException? _denied;

    public async Task<VersionDeletionReport> DeleteAsync(IReadOnlyList<IReadOnlyList<VersionDeletion>> rounds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        _denied = null;
        var outcomes = new ConcurrentDictionary<VersionName, VersionDeletionOutcome>();
        using var drain = new CancellationTokenSource();
        await using var grace = cancellationToken.Register(() => drain.CancelAfter(_options.CancellationGrace));
        var run = new Run(cancellationToken, drain.Token, outcomes);

        for (var index = 0; index < rounds.Count && !run.Stopped(this); index++)
        {
            var runnable = new List<VersionDeletion>();
            foreach (var deletion in rounds[index])
            {
                if (deletion.After is { } parentIndex && outcomes.TryGetValue(parentIndex, out var parent) && !parent.IsGone)
                    outcomes[deletion.Version] = new(deletion, VersionDeletionStatus.NotAttempted, $"the index {parentIndex.Digest.ToShortString()} listing it was not deleted");
                else
                    runnable.Add(deletion);
            }

            if (rounds.Count > 1)
                LogRound(index + 1, rounds.Count, runnable.Count);
            if (_options.Mode == VersionDeleteMode.Batch)
                await BatchRoundAsync(runnable, run).ConfigureAwait(false);
            else
                await SingleRoundAsync(runnable, run).ConfigureAwait(false);

            // Whatever still failed after the client's retries gets one more go, now that the burst that failed it has passed.
            var failed = runnable.Where(d => outcomes.TryGetValue(d.Version, out var o) && o.Status == VersionDeletionStatus.Failed).ToList();
            if (failed.Count > 0 && !run.Stopped(this))
            {
                LogSecondTry(failed.Count);
                await SingleRoundAsync(failed, run).ConfigureAwait(false);
            }
        }

        var all = rounds.SelectMany(r => r).Select(d => outcomes.TryGetValue(d.Version, out var outcome)
            ? outcome
            : new VersionDeletionOutcome(d, VersionDeletionStatus.NotAttempted, _denied is not null ? "stopped: permission denied" : "cancelled before it started")).ToList();
        return new VersionDeletionReport { Outcomes = all, Cancelled = cancellationToken.IsCancellationRequested, PermissionDenied = _denied };
    }

    private Task SingleRoundAsync(IReadOnlyList<VersionDeletion> deletions, Run run) =>
        Parallel.ForEachAsync(deletions, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency }, async (deletion, _) =>
        {
            if (!run.Stopped(this))
                run.Outcomes[deletion.Version] = await DeleteOneAsync(deletion, run).ConfigureAwait(false);
        });

    private async Task BatchRoundAsync(IReadOnlyList<VersionDeletion> deletions, Run run)
    {
        // The tags first, one by one: batchDelete deletes no tags, and refuses a tagged version.
        var untagged = new ConcurrentBag<VersionDeletion>(deletions.Where(d => d.Tags.Count == 0));
        await Parallel.ForEachAsync(deletions.Where(d => d.Tags.Count > 0), new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency }, async (deletion, _) =>
        {
            if (run.Stopped(this))
                return;
            if (await DeleteTagsAsync(deletion, run).ConfigureAwait(false) is { } refused)
                run.Outcomes[deletion.Version] = refused;
            else
                untagged.Add(deletion with { Tags = [] });
        }).ConfigureAwait(false);

        var batches = untagged.GroupBy(d => d.Version.PackageName).SelectMany(package => package.Chunk(_options.BatchSize)).ToList();
        var retrySingly = new ConcurrentBag<VersionDeletion>();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency }, async (batch, _) =>
        {
            if (run.Stopped(this))
                return;
            try
            {
                foreach (var deletion in batch)
                    await AcquireAsync(deletion.Version, run.Cancellation).ConfigureAwait(false);
                var operation = await client.BatchDeleteVersionsAsync(batch[0].Version.PackageName, [.. batch.Select(d => d.Version)], cancellationToken: run.Drain).ConfigureAwait(false);
                if (!operation.Done)
                    operation = await client.WaitForOperationAsync(operation, run.Drain).ConfigureAwait(false);
                var failed = operation.FailedVersions().Select(VersionName.Parse).ToHashSet();
                foreach (var deletion in batch)
                {
                    if (failed.Contains(deletion.Version))
                        retrySingly.Add(deletion);
                    else
                        run.Outcomes[deletion.Version] = new(deletion, VersionDeletionStatus.Deleted);
                }
            }
            catch (ArtifactRegistryApiException e) when (e.IsPermissionDenied)
            {
                Interlocked.CompareExchange(ref _denied, e, null);
            }
            catch (Exception e) when (e is ArtifactRegistryApiException or HttpRequestException or TimeoutException)
            {
                // Which of them went is unknown: one by one, each gets an exact answer (404 for those that did).
                LogBatchFailed(batch.Length, e.Message);
                foreach (var deletion in batch)
                    retrySingly.Add(deletion);
            }
            catch (OperationCanceledException) when (run.Cancellation.IsCancellationRequested)
            {
                // Not sent, or sent and cut off after the grace period: left without an outcome, so reported as not attempted.
            }
        }).ConfigureAwait(false);

        // Versions a batch could not delete: one by one, so each gets its own answer (404, a refusal and its reason).
        await SingleRoundAsync([.. retrySingly], run).ConfigureAwait(false);
    }

    private async Task<VersionDeletionOutcome> DeleteOneAsync(VersionDeletion deletion, Run run)
    {
        if (await DeleteTagsAsync(deletion, run).ConfigureAwait(false) is { } refused)
            return refused;
        try
        {
            await AcquireAsync(deletion.Version, run.Cancellation).ConfigureAwait(false);
            var operation = await client.DeleteVersionAsync(deletion.Version, force: false, run.Drain).ConfigureAwait(false);
            if (!operation.Done)
                await client.WaitForOperationAsync(operation, run.Drain).ConfigureAwait(false);
            return new(deletion, VersionDeletionStatus.Deleted);
        }
        catch (Exception e) when (Classify(deletion, e, run) is { } outcome)
        {
            return outcome;
        }
    }

    /// <summary>Deletes the version's tags (404: already gone); an outcome when that failed and the version must stay.</summary>
    private async Task<VersionDeletionOutcome?> DeleteTagsAsync(VersionDeletion deletion, Run run)
    {
        foreach (var tag in deletion.Tags)
        {
            try
            {
                await AcquireAsync(deletion.Version, run.Cancellation).ConfigureAwait(false);
                await client.DeleteTagAsync(deletion.Version.PackageName.Tag(tag), run.Drain).ConfigureAwait(false);
            }
            catch (ArtifactRegistryApiException e) when (e.IsNotFound)
            {
                // Deleted by someone else, or moved and deleted: gone either way.
            }
            catch (Exception e) when (Classify(deletion, e, run) is { } outcome)
            {
                return outcome with { Detail = $"tag {tag}: {outcome.Detail}" };
            }
        }

        return null;
    }

    private VersionDeletionOutcome? Classify(VersionDeletion deletion, Exception exception, Run run)
    {
        switch (exception)
        {
            case ArtifactRegistryApiException { IsNotFound: true }:
                return new(deletion, VersionDeletionStatus.AlreadyGone);
            case ArtifactRegistryApiException { IsPermissionDenied: true } denied:
                Interlocked.CompareExchange(ref _denied, denied, null);
                return new(deletion, VersionDeletionStatus.NotAttempted, "stopped: permission denied");
            case ArtifactRegistryApiException refused when (int)refused.HttpStatus is >= 400 and < 500 && refused.HttpStatus != HttpStatusCode.TooManyRequests:
                return new(deletion, VersionDeletionStatus.Refused, $"{refused.GoogleStatus ?? ((int)refused.HttpStatus).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {refused.GoogleMessage}");
            case ArtifactRegistryApiException or HttpRequestException or TimeoutException:
                return new(deletion, VersionDeletionStatus.Failed, exception.Message);
            case OperationCanceledException when run.Cancellation.IsCancellationRequested:
                return new(deletion, VersionDeletionStatus.NotAttempted, run.Drain.IsCancellationRequested
                    ? "cancelled while its request was under way: it may or may not be deleted"
                    : "cancelled before it started");
            default:
                return null;
        }
    }

    private async Task AcquireAsync(VersionName version, CancellationToken cancellationToken)
    {
        var limiter = DeleteRateLimits.For(version.ProjectId, version.LocationId, _options.DeletesPerSecond);
        using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
            throw new InvalidOperationException("The delete rate limiter refused a permit although its queue is unbounded.");
    }

    private sealed record Run(CancellationToken Cancellation, CancellationToken Drain, ConcurrentDictionary<VersionName, VersionDeletionOutcome> Outcomes)
    {
        public bool Stopped(VersionDeleter deleter) => Cancellation.IsCancellationRequested || deleter._denied is not null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleting round {Round} of {Rounds}: {Count} versions")]
    private partial void LogRound(int round, int rounds, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} deletions still failed after the client's retries; trying them once more")]
    private partial void LogSecondTry(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} deletions failed ({Problem}); deleting them one by one")]
    private partial void LogBatchFailed(int count, string problem);
}
