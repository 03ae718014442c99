using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Tests.TestServers;

/// <summary>
/// Google's token endpoints in miniature, enough to prove that credential files are exchanged the way Google expects:
/// JWT-bearer for service-account keys (signature verified), refresh tokens, STS token exchange, impersonation, tokeninfo.
/// </summary>
public sealed class FakeGoogleOAuth : IAsyncDisposable
{
    public const string SubjectToken = "github-oidc-subject-token";
    private readonly ConcurrentDictionary<string, RSA> _keys = new();
    private readonly ConcurrentDictionary<string, string> _tokenOwners = new();
    private int _issued;

    private FakeGoogleOAuth() { }

    public LocalHttpServer Server { get; private set; } = null!;

    /// <summary>Lifetime of the tokens handed out.</summary>
    public int ExpiresInSeconds { get; set; } = 3600;

    /// <summary>When set, every token request is refused with this OAuth error.</summary>
    public string? RefuseWith { get; set; }

    /// <summary>How many token requests to answer with 503 before answering normally.</summary>
    public int UnavailableAnswers { get; set; }

    public int IssuedTokens => _issued;

    public IEnumerable<string> IssuedTokenValues => _tokenOwners.Keys;

    public static async Task<FakeGoogleOAuth> StartAsync()
    {
        var oauth = new FakeGoogleOAuth();
        oauth.Server = await LocalHttpServer.StartAsync(app =>
        {
            app.MapPost("/token", (Delegate)oauth.TokenAsync);
            app.MapGet("/subject", (HttpContext context) =>
                context.Request.Headers.Authorization == "bearer request-token"
                    ? Results.Json(new { value = SubjectToken })
                    : Results.StatusCode(401));
            app.MapPost("/v1/projects/-/serviceAccounts/{account}", oauth.GenerateAccessTokenAsync);
            app.MapPost("/tokeninfo", (Delegate)oauth.TokenInfoAsync);
        });
        return oauth;
    }

    /// <summary>Writes a service-account key whose token_uri is this server; the server knows its public key.</summary>
    public string WriteServiceAccountKey(string directory, string email)
    {
        var rsa = RSA.Create(2048);
        _keys[email] = rsa;
        var key = new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = email.Split('@')[1].Split('.')[0],
            ["private_key_id"] = "0123456789abcdef",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = email,
            ["client_id"] = "100000000000000000001",
            ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth",
            ["token_uri"] = Server.Url("token").ToString(),
        };
        var path = Path.Combine(directory, $"{email.Split('@')[0]}-key.json");
        File.WriteAllText(path, key.ToJsonString());
        return path;
    }

    /// <summary>Writes a Workload Identity Federation file the way google-github-actions/auth does.</summary>
    public string WriteExternalAccountFile(string directory, string? impersonatedEmail)
    {
        var file = new JsonObject
        {
            ["type"] = "external_account",
            ["audience"] = "//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/github/providers/github",
            ["subject_token_type"] = "urn:ietf:params:oauth:token-type:jwt",
            ["token_url"] = Server.Url("token").ToString(),
            ["credential_source"] = new JsonObject
            {
                ["url"] = Server.Url("subject").ToString(),
                ["headers"] = new JsonObject { ["Authorization"] = "bearer request-token" },
                ["format"] = new JsonObject { ["type"] = "json", ["subject_token_field_name"] = "value" },
            },
        };
        if (impersonatedEmail is not null)
            file["service_account_impersonation_url"] = Server.Url($"v1/projects/-/serviceAccounts/{impersonatedEmail}:generateAccessToken").ToString();
        var path = Path.Combine(directory, "gha-creds.json");
        File.WriteAllText(path, file.ToJsonString());
        return path;
    }

    public string WriteAuthorizedUserFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, new JsonObject
        {
            ["type"] = "authorized_user",
            ["client_id"] = "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com",
            ["client_secret"] = "d-FL95Q19q7MQmFpd7hHD0Ty",
            ["refresh_token"] = "1//refresh-token",
        }.ToJsonString());
        return path;
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (UnavailableAnswers > 0)
        {
            UnavailableAnswers--;
            return Results.StatusCode(503);
        }
        if (RefuseWith is not null)
            return Results.Json(new { error = RefuseWith, error_description = "Refused by the test." }, statusCode: 400);

        switch (form["grant_type"].ToString())
        {
            case "urn:ietf:params:oauth:grant-type:jwt-bearer":
                var email = VerifyAssertion(form["assertion"].ToString());
                return email is null ? Results.Json(new { error = "invalid_grant", error_description = "Invalid JWT Signature." }, statusCode: 400) : Issue(email);
            case "refresh_token":
                return form["refresh_token"] == "1//refresh-token" ? Issue("user@example.com") : Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            case "urn:ietf:params:oauth:grant-type:token-exchange":
                return form["subject_token"] == SubjectToken && form["requested_token_type"] == "urn:ietf:params:oauth:token-type:access_token"
                    ? Issue("principal://iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/github/subject/repo:o/r")
                    : Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            default:
                return Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
        }
    }

    private async Task<IResult> GenerateAccessTokenAsync(HttpContext context, string account)
    {
        var bearer = context.Request.Headers.Authorization.ToString();
        if (!bearer.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokenOwners.ContainsKey(bearer[7..]))
            return Results.Json(new { error = new { code = 401, status = "UNAUTHENTICATED" } }, statusCode: 401);
        var body = await JsonNode.ParseAsync(context.Request.Body);
        if (body?["scope"]?.AsArray().Any(s => s!.GetValue<string>() == "https://www.googleapis.com/auth/cloud-platform") != true)
            return Results.Json(new { error = new { code = 400, status = "INVALID_ARGUMENT" } }, statusCode: 400);
        var email = account.Split(':')[0];
        var token = NewToken(email);
        return Results.Json(new { accessToken = token, expireTime = DateTime.UtcNow.AddSeconds(ExpiresInSeconds).ToString("yyyy-MM-ddTHH:mm:ssZ") });
    }

    private async Task<IResult> TokenInfoAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        return _tokenOwners.TryGetValue(form["access_token"].ToString(), out var owner)
            ? Results.Json(new { email = owner, expires_in = ExpiresInSeconds, scope = "https://www.googleapis.com/auth/cloud-platform" })
            : Results.Json(new { error = "invalid_token" }, statusCode: 400);
    }

    private IResult Issue(string owner) =>
        Results.Json(new { access_token = NewToken(owner), expires_in = ExpiresInSeconds, token_type = "Bearer", issued_token_type = "urn:ietf:params:oauth:token-type:access_token" });

    private string NewToken(string owner)
    {
        Interlocked.Increment(ref _issued);
        var token = "ya29.fake-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _tokenOwners[token] = owner;
        return token;
    }

    private string? VerifyAssertion(string assertion)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
            return null;
        var payload = JsonNode.Parse(Base64Url(parts[1]))!;
        var email = payload["iss"]?.GetValue<string>();
        if (email is null || !_keys.TryGetValue(email, out var rsa))
            return null;
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!rsa.VerifyData(signed, Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            return null;
        // Google.Apis.Auth signs for Google's token audience even when token_uri points elsewhere, as Google accepts.
        var audience = payload["aud"]?.GetValue<string>();
        var audienceOk = audience == "https://oauth2.googleapis.com/token" || audience == Server.Url("token").ToString();
        var scopeOk = payload["scope"]?.GetValue<string>()?.Contains("cloud-platform") == true;
        return audienceOk && scopeOk ? email : null;
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        foreach (var key in _keys.Values)
            key.Dispose();
    }
}
