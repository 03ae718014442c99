using ArtifactRegistry.Iam;

namespace ArtifactRegistry.Auth;

/// <summary>
/// Caches the token of a fetch function and fetches a new one once less than <see cref="AccessToken.DefaultRefreshThreshold"/>
/// of its lifetime remains, so a long build never hands docker or the REST API a token about to expire.
/// </summary>
public sealed class RefreshingAccessTokenSource : IAccessTokenSource
{
    private readonly Func<CancellationToken, Task<AccessToken>> _fetch;
    private readonly TimeProvider _time;
    private readonly double _threshold;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _current;

    public RefreshingAccessTokenSource(
        string description,
        GooglePrincipal principal,
        Func<CancellationToken, Task<AccessToken>> fetch,
        TimeProvider? time = null,
        double refreshThreshold = AccessToken.DefaultRefreshThreshold)
    {
        if (refreshThreshold is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(refreshThreshold), refreshThreshold, "The refresh threshold is a share of the lifetime, between 0 and 1.");
        Description = description;
        Principal = principal;
        _fetch = fetch;
        _time = time ?? TimeProvider.System;
        _threshold = refreshThreshold;
    }

    public string Description { get; }

    public GooglePrincipal Principal { get; }

    /// <summary>How many tokens were fetched so far.</summary>
    internal int FetchCount { get; private set; }

    public async Task<AccessToken> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        if (_current is { } cached && !cached.IsDueForRefresh(_time.GetUtcNow(), _threshold))
            return cached;

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } fresh && !fresh.IsDueForRefresh(_time.GetUtcNow(), _threshold))
                return fresh;
            _current = await _fetch(cancellationToken).ConfigureAwait(false);
            FetchCount++;
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public override string ToString() => Description;
}
