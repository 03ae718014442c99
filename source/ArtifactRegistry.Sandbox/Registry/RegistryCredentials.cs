using System.Text;
using ArtifactRegistry.Sandbox.Clients;
using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.OAuth;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Registry;

/// <summary>
/// The credentials Artifact Registry's Docker endpoint accepts: Basic with an access token as password (usernames
/// <c>oauth2accesstoken</c>, gcloud helper's <c>_dcgcloud_token</c>, <c>_token</c>) or a key file (<c>_json_key</c>,
/// <c>_json_key_base64</c>); and Bearer with a registry token from <c>/v2/token</c> (or a raw access token).
/// </summary>
internal static class RegistryCredentials
{
    /// <summary>What the Authorization header says: no credentials, a caller, or credentials that are not valid (with why).</summary>
    public readonly record struct Outcome(Caller? Caller, string? Failure)
    {
        public bool Presented => Caller is not null || Failure is not null;
    }

    public static Outcome FromHeader(HttpRequest request, SandboxServices services, bool allowBearer)
    {
        var header = request.Headers.Authorization;
        if (header.Count == 0 || string.IsNullOrEmpty(header[0]))
            return default;
        var value = header[0]!;
        if (value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return FromBasic(value[6..].Trim(), services);
        if (allowBearer && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = value[7..].Trim();
            if (services.RegistryTokens.TryValidate(token, out var grant) || services.AccessTokens.TryValidate(token, out grant))
                return new Outcome(grant.Caller, null);
            return new Outcome(null, services.RegistryTokens.IsExpired(token) || services.AccessTokens.IsExpired(token)
                ? "the bearer token has expired"
                : "the bearer token was not issued by this registry");
        }

        return new Outcome(null, "unsupported authorization scheme (use Basic or Bearer)");
    }

    private static Outcome FromBasic(string encoded, SandboxServices services)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return new Outcome(null, "the Basic credentials are not base64");
        }

        var colon = decoded.IndexOf(':');
        if (colon < 0)
            return new Outcome(null, "the Basic credentials have no password");
        var user = decoded[..colon];
        var password = decoded[(colon + 1)..];
        switch (user)
        {
            case "oauth2accesstoken" or "_dcgcloud_token" or "_token":
                if (services.AccessTokens.TryValidate(password, out var grant))
                    return new Outcome(grant.Caller, null);
                return new Outcome(null, services.AccessTokens.IsExpired(password)
                    ? "the access token has expired; get a new one (gcloud auth print-access-token) and log in again"
                    : "the access token is not valid");
            case "_json_key":
                return KeyFile(password, services);
            case "_json_key_base64":
                try
                {
                    return KeyFile(Encoding.UTF8.GetString(Convert.FromBase64String(password)), services);
                }
                catch (FormatException)
                {
                    return new Outcome(null, "the _json_key_base64 password is not base64");
                }

            default:
                return new Outcome(null, $"username \"{user}\" is not accepted; use oauth2accesstoken with an access token, or _json_key with a service account key");
        }
    }

    private static Outcome KeyFile(string json, SandboxServices services) =>
        ServiceAccountKeyFile.TryAuthenticate(json, services.Accounts, out var account)
            ? new Outcome(Caller.ForEmail(account.Email), null)
            : new Outcome(null, "the service account key is not valid (unknown account or key)");
}
