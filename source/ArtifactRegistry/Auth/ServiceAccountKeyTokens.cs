using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ArtifactRegistry.Auth;

/// <summary>
/// Tokens of a service-account key: a JWT signed with the key (RS256) exchanged at the key's <c>token_uri</c> with the
/// jwt-bearer grant (RFC 7523), the flow Google.Apis.Auth follows. Done here because a deploy is one short process and
/// Google.Apis.Auth's first token costs it about 0.2 s of Newtonsoft.Json reflection on the path every push waits on.
/// </summary>
internal static class ServiceAccountKeyTokens
{
    private const string GoogleTokenUri = "https://oauth2.googleapis.com/token";
    private const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];

    /// <summary>A token source for the key in <paramref name="root"/>; the key is parsed now, so a damaged one fails before any request.</summary>
    public static IAccessTokenSource CreateTokenSource(GoogleCredentialFile file, JsonObject root, TimeProvider time)
    {
        var email = file.Principal.Email!;
        var keyId = Text(root, "private_key_id");
        var endpoint = new Uri(file.TokenEndpoint ?? GoogleTokenUri);
        var newKey = $"Create a new key with `gcloud iam service-accounts keys create KEY_FILE --iam-account={email}`.";
        var pem = Text(root, "private_key")
                  ?? throw new GoogleCredentialException($"The Google credential file '{file.Path}' (service_account) has no private_key. {newKey}");
        var key = RSA.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new GoogleCredentialException($"The Google credential file '{file.Path}' (service_account) is incomplete or invalid: {e.Message} {newKey}", e);
        }

        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return new RefreshingAccessTokenSource($"service-account key {file.Path}", file.Principal, async ct =>
        {
            for (var attempt = 0; ; attempt++)
            {
                var requestedAt = time.GetUtcNow();
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
                {
                    Content = new FormUrlEncodedContent([
                        new("grant_type", JwtBearerGrant),
                        new("assertion", Assertion(key, email, keyId, endpoint, requestedAt)),
                    ]),
                };
                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(request, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    if (attempt < RetryDelays.Length)
                    {
                        await Task.Delay(RetryDelays[attempt], time, ct).ConfigureAwait(false);
                        continue;
                    }
                    throw new GoogleCredentialException(
                        $"Could not reach {endpoint.GetLeftPart(UriPartial.Path)} to get an access token for {file.Principal} (credential {file.Path}): {e.Message}. " +
                        "Check the network or proxy settings of the build machine.", e);
                }

                using (response)
                {
                    var status = (int)response.StatusCode;
                    if ((status >= 500 || status == 429) && attempt < RetryDelays.Length)
                    {
                        await Task.Delay(RetryDelays[attempt], time, ct).ConfigureAwait(false);
                        continue;
                    }
                    var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                    var answer = Parse(body);
                    if (!response.IsSuccessStatusCode)
                    {
                        var error = Text(answer, "error");
                        var reason = $"{error} {Text(answer, "error_description")}".Trim().TrimEnd('.');
                        throw new GoogleCredentialException(
                            $"{file.Principal} could not get an access token from {endpoint.GetLeftPart(UriPartial.Path)} (credential {file.Path}): " +
                            $"{(reason.Length > 0 ? reason : $"HTTP {status}")}. {file.RemedyFor(error)}");
                    }
                    if (Text(answer, "access_token") is not { } token)
                        throw new GoogleCredentialException($"The token endpoint {endpoint.GetLeftPart(UriPartial.Path)} answered without an access token for {file.Principal}.");
                    var lifetime = answer?["expires_in"] is JsonValue seconds && seconds.TryGetValue<int>(out var value) && value > 0
                        ? TimeSpan.FromSeconds(value)
                        : Lifetime;
                    return new AccessToken(token, requestedAt, requestedAt + lifetime);
                }
            }
        }, time);
    }

    /// <summary>The signed claim set: the key's account asks <paramref name="audience"/> for a cloud-platform token valid an hour.</summary>
    private static string Assertion(RSA key, string email, string? keyId, Uri audience, DateTimeOffset now)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        if (keyId is not null)
            header["kid"] = keyId;
        var issuedAt = now.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = email,
            ["scope"] = GoogleCredentialFile.CloudPlatformScope,
            ["aud"] = audience.ToString(),
            ["iat"] = issuedAt,
            ["exp"] = issuedAt + (long)Lifetime.TotalSeconds,
        };
        var signed = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url.EncodeToString(signature);
    }

    private static JsonObject? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject? root, string field) =>
        root?[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
