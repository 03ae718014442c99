using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ArtifactRegistry.Sandbox.OAuth;

/// <summary>A JWT-bearer grant assertion (RFC 7523) that the token endpoint refuses, with Google's OAuth error fields.</summary>
internal sealed class OAuthGrantException(string error, string description) : Exception(description)
{
    public string Error { get; } = error;
}

/// <summary>
/// Verifies the RS256 assertion a service-account credential sends to <c>token_uri</c>: signature by the account's key,
/// audience, and a short lifetime, the checks Google's token endpoint makes.
/// </summary>
internal static class JwtAssertion
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaximumLifetime = TimeSpan.FromHours(1);

    public sealed record Claims(ServiceAccount Account, string Scope, DateTimeOffset Expires);

    public static Claims Verify(string assertion, ServiceAccounts accounts, IReadOnlyCollection<string> audiences, DateTimeOffset now)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
            throw new OAuthGrantException("invalid_grant", "Invalid JWT: the assertion is not a signed JWT (header.payload.signature).");

        using var header = ParsePart(parts[0]);
        using var payload = ParsePart(parts[1]);
        if (Text(header.RootElement, "alg") != "RS256")
            throw new OAuthGrantException("invalid_grant", "Invalid JWT: only RS256 signed assertions are accepted.");

        var issuer = Text(payload.RootElement, "iss");
        var keyId = Text(header.RootElement, "kid");
        var account = (keyId is null ? null : accounts.FindByKeyId(keyId)) ?? (issuer is null ? null : accounts.Find(issuer));
        if (account is null || issuer is null || !string.Equals(account.Email, issuer, StringComparison.OrdinalIgnoreCase))
            throw new OAuthGrantException("invalid_grant", "Invalid grant: account not found");

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!account.Key.VerifyData(signed, Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            throw new OAuthGrantException("invalid_grant", "Invalid JWT Signature.");

        var audience = Text(payload.RootElement, "aud");
        if (audience is null || !audiences.Contains(audience))
            throw new OAuthGrantException("invalid_grant", $"Invalid JWT: Failed audience check. The right audience is {audiences.First()}");

        var issuedAt = Seconds(payload.RootElement, "iat");
        var expires = Seconds(payload.RootElement, "exp");
        if (issuedAt is null || expires is null || issuedAt > now + ClockSkew || expires < now - ClockSkew || expires - issuedAt > MaximumLifetime)
            throw new OAuthGrantException("invalid_grant",
                "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");

        var scope = Text(payload.RootElement, "scope") ?? AccessTokens.CloudPlatformScope;
        return new Claims(account, scope, expires.Value);
    }

    private static JsonDocument ParsePart(string part)
    {
        try
        {
            return JsonDocument.Parse(Decode(part));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new OAuthGrantException("invalid_grant", "Invalid JWT: a part of the assertion is not base64url JSON.");
        }
    }

    private static byte[] Decode(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            throw new OAuthGrantException("invalid_grant", "Invalid JWT: a part of the assertion is not base64url.");
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Seconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
