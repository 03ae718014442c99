using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ArtifactRegistry.Sandbox.OAuth;

/// <summary>
/// Workforce Identity Federation users: the refresh tokens of <c>external_account_authorized_user</c> files (what a browser
/// sign-in through a workforce pool leaves behind), exchanged at STS's <c>/v1/oauthtoken</c> for tokens of
/// <c>principal://iam.googleapis.com/locations/global/workforcePools/POOL/subject/SUBJECT</c>.
/// </summary>
internal sealed class WorkforceIdentity
{
    public const string Pool = "sandbox-workforce";
    public const string ClientId = "sandbox-workforce-client";
    public const string ClientSecret = "sandbox-workforce-secret";

    private readonly ConcurrentDictionary<string, string> _subjectsByRefreshToken = new(StringComparer.Ordinal);

    public static string Audience => $"//iam.googleapis.com/locations/global/workforcePools/{Pool}/providers/sandbox-provider";

    public static string PrincipalOf(string subject) => $"principal://iam.googleapis.com/locations/global/workforcePools/{Pool}/subject/{subject}";

    public static string PoolPrincipalSet => $"principalSet://iam.googleapis.com/locations/global/workforcePools/{Pool}/*";

    /// <summary>Signs <paramref name="subject"/> in: returns the refresh token its file holds.</summary>
    public string SignIn(string subject)
    {
        var refreshToken = "sandbox-workforce-refresh." + AccessTokens.Base64Url(RandomNumberGenerator.GetBytes(24));
        _subjectsByRefreshToken[refreshToken] = subject;
        return refreshToken;
    }

    public string? SubjectOf(string refreshToken) => _subjectsByRefreshToken.GetValueOrDefault(refreshToken);
}
