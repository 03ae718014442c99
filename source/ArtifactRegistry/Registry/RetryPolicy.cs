using System.Net;
using System.Net.Http.Headers;

namespace ArtifactRegistry.Registry;

/// <summary>
/// How REST calls are retried: on 429 and 5xx and on dropped connections, with exponential backoff and jitter, honouring
/// <c>Retry-After</c>; never on other 4xx, which a retry cannot fix.
/// </summary>
internal sealed record RetryPolicy
{
    /// <summary>Attempts in total, the first included.</summary>
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(16);

    /// <summary>A <c>Retry-After</c> longer than this is not waited for: the error is raised instead.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    public static RetryPolicy Default { get; } = new();

    /// <summary>No retries (for tests that want to see the first answer).</summary>
    public static RetryPolicy None { get; } = new() { MaxAttempts = 1 };

    internal static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError and not HttpStatusCode.NotImplemented;

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, or <see langword="null"/> when the answer's Retry-After is too long.</summary>
    internal TimeSpan? DelayAfter(int attempt, RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        if (retryAfter is not null)
        {
            var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : TimeSpan.Zero);
            if (wait < TimeSpan.Zero)
                wait = TimeSpan.Zero;
            return wait <= MaxRetryAfter ? wait : null;
        }

        var exponential = InitialBackoff * Math.Pow(2, attempt - 1);
        var capped = exponential < MaxBackoff ? exponential : MaxBackoff;
        // A random wait between half and all of the backoff keeps parallel builds from retrying in lockstep.
        return capped * (0.5 + Random.Shared.NextDouble() / 2);
    }
}
