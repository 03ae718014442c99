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

    /// <summary>Caches the tokens of <paramref name="fetch"/>, fetching anew once less than <paramref name="refreshThreshold"/> of a token's lifetime remains (default 0.2; throws <see cref="ArgumentOutOfRangeException"/> outside 0 to 1, both excluded); <paramref name="time"/> defaults to <see cref="TimeProvider.System"/>.</summary>
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

    /// <summary>Where the tokens come from, for messages.</summary>
    public string Description { get; }

    /// <summary>Who the tokens belong to.</summary>
    public GooglePrincipal Principal { get; }

    /// <summary>How many tokens were fetched so far.</summary>
    internal int FetchCount { get; private set; }

    /// <summary>The cached token, or a new one from the fetch function when it is due for refresh; concurrent callers share one fetch.</summary>
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

    /// <summary>The <see cref="Description"/>.</summary>
    public override string ToString() => Description;
}
