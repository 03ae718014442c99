using System.Globalization;
using System.Text.Json;
using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Http;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Rest;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.OAuth;

/// <summary>
/// Google's token endpoints, on the sandbox's API port: OAuth 2.0 (<c>/token</c>, JWT-bearer grant from service-account keys),
/// tokeninfo, STS (<c>/v1/token</c>, token exchange for Workload Identity Federation) and IAM Credentials' generateAccessToken.
/// </summary>
internal static class TokenEndpoints
{
    private const string JwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";

    public static async Task TokenAsync(HttpContext http, SandboxServices services)
    {
        var form = await ReadParametersAsync(http).ConfigureAwait(false);
        var grantType = form.GetValueOrDefault("grant_type");
        if (grantType != JwtBearer)
        {
            await OAuthError(http, "unsupported_grant_type", $"Invalid grant_type: {grantType}").ConfigureAwait(false);
            return;
        }

        JwtAssertion.Claims claims;
        try
        {
            claims = JwtAssertion.Verify(form.GetValueOrDefault("assertion") ?? "", services.Accounts, services.TokenAudiences, services.Time.GetUtcNow());
        }
        catch (OAuthGrantException e)
        {
            await OAuthError(http, e.Error, e.Message).ConfigureAwait(false);
            return;
        }

        var lifetime = services.Options.AccessTokenLifetime;
        var token = services.AccessTokens.Issue(Caller.ForEmail(claims.Account.Email), lifetime, claims.Scope);
        await http.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            w.WriteNumber("expires_in", (long)lifetime.TotalSeconds);
            w.WriteString("token_type", "Bearer");
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public static async Task TokenInfoAsync(HttpContext http, SandboxServices services)
    {
        var parameters = await ReadParametersAsync(http).ConfigureAwait(false);
        var token = parameters.GetValueOrDefault("access_token") ?? RestRouter.BearerToken(http.Request);
        if (!services.AccessTokens.TryValidate(token, out var grant))
        {
            await http.JsonAsync(400, w =>
            {
                w.WriteStartObject();
                w.WriteString("error", "invalid_token");
                w.WriteString("error_description", services.AccessTokens.IsExpired(token) ? "Token expired" : "Invalid Value");
                w.WriteEndObject();
            }).ConfigureAwait(false);
            return;
        }

        var account = grant.Caller.Email is null ? null : services.Accounts.Find(grant.Caller.Email);
        var expires = grant.ExpiresAt.ToUnixTimeSeconds();
        var remaining = Math.Max(0, (long)(grant.ExpiresAt - services.Time.GetUtcNow()).TotalSeconds);
        await http.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            if (account is not null)
            {
                w.WriteString("azp", account.UniqueId);
                w.WriteString("aud", account.UniqueId);
                w.WriteString("sub", account.UniqueId);
            }

            w.WriteString("scope", grant.Scope);
            w.WriteString("exp", expires.ToString(CultureInfo.InvariantCulture));
            w.WriteString("expires_in", remaining.ToString(CultureInfo.InvariantCulture));
            if (grant.Caller.Email is not null)
            {
                w.WriteString("email", grant.Caller.Email);
                w.WriteString("email_verified", "true");
            }
            else if (grant.Caller.Principal is not null)
            {
                w.WriteString("sub", grant.Caller.Principal);
            }

            w.WriteString("access_type", "online");
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public static async Task StsAsync(HttpContext http, SandboxServices services)
    {
        var form = await ReadParametersAsync(http).ConfigureAwait(false);
        if (form.GetValueOrDefault("grant_type") != TokenExchange)
        {
            await OAuthError(http, "unsupported_grant_type", $"Invalid grant_type: {form.GetValueOrDefault("grant_type")}").ConfigureAwait(false);
            return;
        }

        if (form.GetValueOrDefault("audience") != WorkloadIdentity.Audience)
        {
            await OAuthError(http, "invalid_target", $"The target service indicated by the \"audience\" parameters is invalid. Expected {WorkloadIdentity.Audience}.").ConfigureAwait(false);
            return;
        }

        var subject = services.Federation.SubjectOf(form.GetValueOrDefault("subject_token") ?? "");
        if (subject is null)
        {
            await OAuthError(http, "invalid_grant", "The subject token is not valid for this workload identity pool provider.").ConfigureAwait(false);
            return;
        }

        var lifetime = services.Options.AccessTokenLifetime;
        var caller = Caller.ForPrincipal(WorkloadIdentity.PrincipalOf(subject), [WorkloadIdentity.PoolPrincipalSet]);
        var token = services.AccessTokens.Issue(caller, lifetime, form.GetValueOrDefault("scope") ?? AccessTokens.CloudPlatformScope);
        await http.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            w.WriteString("issued_token_type", "urn:ietf:params:oauth:token-type:access_token");
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", (long)lifetime.TotalSeconds);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary>STS's refresh of a Workforce Identity Federation sign-in: the client authenticates with Basic, the refresh token names the user.</summary>
    public static async Task WorkforceRefreshAsync(HttpContext http, SandboxServices services)
    {
        var form = await ReadParametersAsync(http).ConfigureAwait(false);
        if (form.GetValueOrDefault("grant_type") != "refresh_token")
        {
            await OAuthError(http, "unsupported_grant_type", $"Invalid grant_type: {form.GetValueOrDefault("grant_type")}").ConfigureAwait(false);
            return;
        }

        var expectedClient = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{WorkforceIdentity.ClientId}:{WorkforceIdentity.ClientSecret}"));
        if (http.Request.Headers.Authorization.ToString() != expectedClient)
        {
            await OAuthError(http, "invalid_client", "The OAuth client was not found.").ConfigureAwait(false);
            return;
        }

        var subject = services.Workforce.SubjectOf(form.GetValueOrDefault("refresh_token") ?? "");
        if (subject is null)
        {
            await OAuthError(http, "invalid_grant", "The refresh token is invalid or has expired.").ConfigureAwait(false);
            return;
        }

        var lifetime = services.Options.AccessTokenLifetime;
        var token = services.AccessTokens.Issue(Caller.ForPrincipal(WorkforceIdentity.PrincipalOf(subject), [WorkforceIdentity.PoolPrincipalSet]), lifetime);
        await http.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", (long)lifetime.TotalSeconds);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public static async Task GenerateAccessTokenAsync(HttpContext http, string email, SandboxServices services)
    {
        try
        {
            var caller = RestRouter.Authenticate(http, services, "https://www.googleapis.com/auth/iam");
            var allowed = caller.Email is not null && string.Equals(caller.Email, email, StringComparison.OrdinalIgnoreCase)
                          || caller.Principal is not null && services.Federation.MayImpersonate(caller.Principal, email)
                          || services.Accounts.Find(email) is { } target && services.Authorizer.HasOnProject(caller, target.ProjectId, Permissions.ServiceAccountsGetAccessToken);
            if (!allowed || services.Accounts.Find(email) is null)
                throw new GoogleApiException(403, "PERMISSION_DENIED", "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).")
                {
                    ErrorInfo = ("IAM_PERMISSION_DENIED", Permissions.ServiceAccountsGetAccessToken, "projects/-/serviceAccounts/" + email),
                };
            var lifetime = services.Options.AccessTokenLifetime;
            var token = services.AccessTokens.Issue(Caller.ForEmail(email), lifetime);
            var expires = services.Time.GetUtcNow() + lifetime;
            await http.JsonAsync(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("accessToken", token);
                w.WriteString("expireTime", expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }).ConfigureAwait(false);
        }
        catch (GoogleApiException e)
        {
            await GoogleErrorBody.WriteAsync(http, e).ConfigureAwait(false);
        }
    }

    public static Task SubjectTokenAsync(HttpContext http, string id, SandboxServices services)
    {
        var token = services.Federation.SubjectTokenFor(id);
        if (token is null)
            return http.JsonAsync(404, w =>
            {
                w.WriteStartObject();
                w.WriteString("error", "unknown subject token source");
                w.WriteEndObject();
            });
        return http.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("count", 1);
            w.WriteString("value", token);
            w.WriteEndObject();
        });
    }

    private static Task OAuthError(HttpContext http, string error, string description) =>
        http.JsonAsync(400, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteEndObject();
        });

    /// <summary>Form fields, JSON fields or query parameters: Google's token endpoints accept all three.</summary>
    private static async Task<Dictionary<string, string>> ReadParametersAsync(HttpContext http)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in http.Request.Query)
            result[key] = value.ToString();
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            foreach (var (key, value) in form)
                result[key] = value.ToString();
        }
        else if (http.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                foreach (var property in document.RootElement.EnumerateObject())
                    result[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return result;
    }
}
