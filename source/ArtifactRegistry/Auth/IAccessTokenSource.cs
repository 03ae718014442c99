using ArtifactRegistry.Iam;

namespace ArtifactRegistry.Auth;

/// <summary>Supplies valid Google access tokens, refreshing them before they run out.</summary>
public interface IAccessTokenSource
{
    /// <summary>Where the tokens come from, for logs and error messages (never containing a secret).</summary>
    string Description { get; }

    /// <summary>Who the tokens belong to, as far as the credential tells.</summary>
    GooglePrincipal Principal { get; }

    /// <summary>A token that has at least the refresh threshold of its lifetime left.</summary>
    Task<AccessToken> GetAccessTokenAsync(CancellationToken cancellationToken = default);
}
