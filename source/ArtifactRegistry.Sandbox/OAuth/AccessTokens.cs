using System.Collections.Concurrent;
using System.Security.Cryptography;
using ArtifactRegistry.Sandbox.Iam;

namespace ArtifactRegistry.Sandbox.OAuth;

/// <summary>What a bearer token stands for: who, until when, for what.</summary>
internal sealed record TokenGrant(Caller Caller, DateTimeOffset ExpiresAt, string Scope);

/// <summary>
/// Opaque bearer tokens bound to a caller and an expiry. The same mechanism serves OAuth access tokens (<c>ya29.…</c>),
/// STS federated tokens and the registry's own bearer tokens, each from its own instance.
/// </summary>
internal sealed class AccessTokens(TimeProvider time, string prefix)
{
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    private readonly ConcurrentDictionary<string, TokenGrant> _grants = new(StringComparer.Ordinal);
    private int _issued;

    public string Issue(Caller caller, TimeSpan lifetime, string scope = CloudPlatformScope)
    {
        if (Interlocked.Increment(ref _issued) % 4096 == 0)
            DropExpired();
        var token = prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        _grants[token] = new TokenGrant(caller, time.GetUtcNow() + lifetime, scope);
        return token;
    }

    /// <summary>Restores a token saved in the state directory.</summary>
    public void Restore(string token, TokenGrant grant) => _grants[token] = grant;

    public bool TryValidate(string? token, out TokenGrant grant)
    {
        grant = null!;
        if (string.IsNullOrEmpty(token) || !_grants.TryGetValue(token, out var found))
            return false;
        if (found.ExpiresAt <= time.GetUtcNow())
            return false;
        grant = found;
        return true;
    }

    /// <summary>True when the token was issued here but has expired (so the answer can say "expired" rather than "unknown").</summary>
    public bool IsExpired(string? token) =>
        !string.IsNullOrEmpty(token) && _grants.TryGetValue(token, out var found) && found.ExpiresAt <= time.GetUtcNow();

    public IReadOnlyDictionary<string, TokenGrant> Live()
    {
        var now = time.GetUtcNow();
        return _grants.Where(g => g.Value.ExpiresAt > now).ToDictionary(g => g.Key, g => g.Value, StringComparer.Ordinal);
    }

    private void DropExpired()
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromHours(1);
        foreach (var (token, grant) in _grants)
            if (grant.ExpiresAt < cutoff)
                _grants.TryRemove(token, out _);
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
