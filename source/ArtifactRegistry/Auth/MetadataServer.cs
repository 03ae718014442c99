using System.Net.Http.Json;
using System.Text.Json.Serialization;
using ArtifactRegistry.Iam;

namespace ArtifactRegistry.Auth;

/// <summary>
/// The metadata server of a Google Cloud machine (GCE, GKE, Cloud Build, Cloud Run). Off Google Cloud it must cost nothing:
/// the hardware vendor file answers at once on Linux; only when it cannot tell is the server probed, with a short timeout.
/// </summary>
internal sealed class MetadataServer
{
    private const string HostVariable = "GCE_METADATA_HOST";
    private const string DefaultHost = "169.254.169.254";
    private const string TokenPath = "computeMetadata/v1/instance/service-accounts/default/token";
    private const string EmailPath = "computeMetadata/v1/instance/service-accounts/default/email";

    private const string DescriptionPrefix = "metadata server ";

    private MetadataServer(Uri baseAddress) => BaseAddress = baseAddress;

    /// <summary>Whether <paramref name="tokens"/> come from a metadata server (whose scopes are the machine's, not the library's to choose).</summary>
    public static bool IsSourceOf(IAccessTokenSource tokens) => tokens.Description.StartsWith(DescriptionPrefix, StringComparison.Ordinal);

    public Uri BaseAddress { get; }

    public static async Task<(MetadataServer? Server, string Reason)> DetectAsync(ApplicationDefaultCredentialsOptions options, CancellationToken cancellationToken)
    {
        var host = options.Environment(HostVariable);
        var explicitHost = !string.IsNullOrWhiteSpace(host);
        var server = new MetadataServer(new Uri($"http://{(explicitHost ? host : DefaultHost)}/"));

        if (!explicitHost && ReadProductName(options.ProductNameFile) is { } product && !product.Contains("Google", StringComparison.OrdinalIgnoreCase))
            return (null, $"not on Google Cloud (hardware '{product}'), not asked");

        using var probe = new HttpClient { Timeout = options.MetadataProbeTimeout };
        try
        {
            using var request = server.Request("computeMetadata/v1/");
            using var response = await probe.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.Headers.TryGetValues("Metadata-Flavor", out var flavor) && flavor.Contains("Google")
                ? (server, "found")
                : (null, $"{server.BaseAddress} answered but is not a Google metadata server");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"not reachable at {server.BaseAddress} (not on Google Cloud)");
        }
    }

    public async Task<IAccessTokenSource> CreateTokenSourceAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        string? email = null;
        using (var request = Request(EmailPath))
        using (var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false))
            if (response.IsSuccessStatusCode)
                email = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();

        var principal = string.IsNullOrEmpty(email) ? GooglePrincipal.Unknown("the machine's default service account") : GooglePrincipal.ServiceAccount(email);
        return new RefreshingAccessTokenSource(DescriptionPrefix + BaseAddress, principal, async ct =>
        {
            var requestedAt = time.GetUtcNow();
            using var request = Request(TokenPath);
            using var response = await client.SendAsync(request, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new GoogleCredentialException(
                    $"The metadata server {BaseAddress} refused a token for {principal}: HTTP {(int)response.StatusCode}. " +
                    "Check that the machine has a service account with the cloud-platform scope.");
            var token = await response.Content.ReadFromJsonAsync<TokenAnswer>(ct).ConfigureAwait(false);
            if (token?.AccessToken is not { Length: > 0 } value)
                throw new GoogleCredentialException($"The metadata server {BaseAddress} answered without an access token.");
            return new AccessToken(value, requestedAt, requestedAt + TimeSpan.FromSeconds(token.ExpiresIn ?? 3600));
        }, time);
    }

    private HttpRequestMessage Request(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, path));
        request.Headers.Add("Metadata-Flavor", "Google");
        return request;
    }

    private static string? ReadProductName(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] long? ExpiresIn);
}
