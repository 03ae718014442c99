using System.Net.Http.Json;
using System.Text.Json.Serialization;
using ArtifactRegistry.Iam;

namespace ArtifactRegistry.Auth;

/// <summary>
/// Asks Google who owns a bare access token (<c>oauth2.googleapis.com/tokeninfo</c>), for the principal in permission errors.
/// The token goes in a form body, never in the URL where proxies log it.
/// </summary>
internal sealed class TokenInfo
{
    /// <summary>Google's endpoint.</summary>
    public static readonly Uri DefaultEndpoint = new("https://oauth2.googleapis.com/tokeninfo");

    /// <summary>Points the lookup at another endpoint for the whole process.</summary>
    public const string EndpointVariable = "ARTIFACT_REGISTRY_TOKENINFO_URL";

    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    public TokenInfo(HttpClient http, Uri? endpoint = null)
    {
        _http = http;
        _endpoint = endpoint ?? EndpointFrom(Environment.GetEnvironmentVariable);
    }

    public Uri Endpoint => _endpoint;

    /// <summary>The principal behind <paramref name="token"/>; <see cref="GooglePrincipal.Unknown"/> when Google does not say.</summary>
    public async Task<GooglePrincipal> LookUpAsync(AccessToken token, CancellationToken cancellationToken = default)
    {
        try
        {
            using var content = new FormUrlEncodedContent([new("access_token", token.Value)]);
            using var response = await _http.PostAsync(_endpoint, content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                return GooglePrincipal.Unknown($"the owner of the access token (tokeninfo answered HTTP {(int)response.StatusCode}: the token may have expired)");
            var info = await response.Content.ReadFromJsonAsync<Answer>(cancellationToken).ConfigureAwait(false);
            return info?.Email switch
            {
                { Length: > 0 } email => GooglePrincipal.FromEmail(email),
                _ => GooglePrincipal.Unknown("the owner of the access token (its scopes do not reveal the email)"),
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            return GooglePrincipal.Unknown($"the owner of the access token (tokeninfo unreachable: {e.Message})");
        }
    }

    /// <summary>The endpoint an environment selects: <see cref="EndpointVariable"/>, else Google's.</summary>
    public static Uri EndpointFrom(Func<string, string?> environment) =>
        environment(EndpointVariable) is { Length: > 0 } url ? new Uri(url) : DefaultEndpoint;

    private sealed record Answer([property: JsonPropertyName("email")] string? Email);
}
