using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace ArtifactRegistry.Registry;

/// <summary>
/// One token bucket per project and location, shared by every deletion this process makes there: Artifact Registry's delete
/// quota (18,000 per minute, 300 per second) is per project and region, so two prunes in one build must share it.
/// </summary>
public static class DeleteRateLimits
{
    /// <summary>Below the 300/s quota, leaving room for retries and for other clients of the project.</summary>
    public const double DefaultPerSecond = 250;

    private static readonly ConcurrentDictionary<(string Project, string Location, double PerSecond), RateLimiter> Buckets = new();

    /// <summary>The bucket of <paramref name="projectId"/> in <paramref name="locationId"/> refilled at <paramref name="perSecond"/>.</summary>
    public static RateLimiter For(string projectId, string locationId, double perSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        return Buckets.GetOrAdd((projectId, locationId, perSecond), key => Create(key.PerSecond));
    }

    private static TokenBucketRateLimiter Create(double perSecond)
    {
        // Refilled about every 50 ms with a whole number of tokens, and holding no more than one refill: the rate is steady
        // from the first request, instead of a burst of a full second's worth after every pause.
        var tokens = Math.Max(1, (int)Math.Ceiling(perSecond / 20));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokens / perSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
