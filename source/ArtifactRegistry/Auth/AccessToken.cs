namespace ArtifactRegistry.Auth;

/// <summary>
/// An OAuth access token with the time it was obtained and the time it expires. Its text never appears in
/// <see cref="ToString"/>, so it cannot leak through logs or exception messages by accident.
/// </summary>
public sealed class AccessToken
{
    /// <summary>Refresh when less than this share of the lifetime remains: tokens last 1 h (10 min for direct Workload Identity Federation).</summary>
    public const double DefaultRefreshThreshold = 0.2;

    /// <summary>Wraps a token; throws <see cref="ArgumentException"/> when <paramref name="value"/> is empty or <paramref name="expiresAt"/> precedes <paramref name="issuedAt"/>.</summary>
    public AccessToken(string value, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (expiresAt < issuedAt)
            throw new ArgumentException("A token cannot expire before it was issued.", nameof(expiresAt));
        Value = value;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>The secret itself: pass it on stdin or in an Authorization header, never in argv or a message.</summary>
    public string Value { get; }

    /// <summary>When the token was obtained.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>When the token expires.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>From <see cref="IssuedAt"/> to <see cref="ExpiresAt"/>.</summary>
    public TimeSpan Lifetime => ExpiresAt - IssuedAt;

    /// <summary>Time left at <paramref name="now"/> (negative once expired).</summary>
    public TimeSpan RemainingAt(DateTimeOffset now) => ExpiresAt - now;

    /// <summary>Whether less than <paramref name="threshold"/> of the lifetime remains at <paramref name="now"/>.</summary>
    public bool IsDueForRefresh(DateTimeOffset now, double threshold = DefaultRefreshThreshold) =>
        RemainingAt(now) < Lifetime * threshold;

    /// <c>[REDACTED] access token, expires …</c>: never the token itself.
    public override string ToString() => $"[REDACTED] access token, expires {ExpiresAt:u}";
}
