using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtifactRegistry.Iam;

namespace ArtifactRegistry.Auth;

/// <summary>
/// Tokens of an <c>impersonated_service_account</c> file: the source credential's token asks IAM Credentials'
/// <c>generateAccessToken</c> for the target's. Called directly rather than through Google.Apis.Auth, whose error for a
/// refusal drops Google's explanation ("Server response does not contain a JSON object"), the one thing the user needs.
/// </summary>
internal static class ServiceAccountImpersonation
{
    private const string TokenCreatorRole = "roles/iam.serviceAccountTokenCreator";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static IAccessTokenSource CreateTokenSource(GoogleCredentialFile file, JsonObject root, TimeProvider time)
    {
        var source = GoogleCredentialFile.SourceOf(file.Path, root);
        var sourceTokens = source.CreateTokenSource(time);
        var delegates = root["delegates"] is JsonArray chain ? chain.DeepClone() : new JsonArray();
        var endpoint = new Uri(file.TokenEndpoint!);
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        return new RefreshingAccessTokenSource($"impersonated service-account credentials {file.Path} (as {file.Principal.Email})", file.Principal, async ct =>
        {
            var sourceToken = await sourceTokens.GetAccessTokenAsync(ct).ConfigureAwait(false);
            var requestedAt = time.GetUtcNow();
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = JsonContent.Create(new JsonObject
                {
                    ["delegates"] = delegates.DeepClone(),
                    ["scope"] = new JsonArray(GoogleCredentialFile.CloudPlatformScope),
                    ["lifetime"] = $"{(int)Lifetime.TotalSeconds}s",
                }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sourceToken.Value);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                throw new GoogleCredentialException(
                    $"Could not reach {endpoint.GetLeftPart(UriPartial.Path)} to get an access token for {file.Principal} (credential {file.Path}): {e.Message}. " +
                    "Check the network or proxy settings of the build machine.", e);
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                    throw Refused(file, source.Principal, (int)response.StatusCode, body);
                var answer = Answer(body);
                if (answer?.AccessToken is not { Length: > 0 } token)
                    throw new GoogleCredentialException($"{endpoint.GetLeftPart(UriPartial.Path)} answered without an access token for {file.Principal}.");
                var expires = answer.ExpireTime is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : requestedAt + Lifetime;
                return new AccessToken(token, requestedAt, expires < requestedAt ? requestedAt : expires);
            }
        }, time);
    }

    private static GoogleCredentialException Refused(GoogleCredentialFile file, GooglePrincipal source, int status, string body)
    {
        var (state, message) = GoogleError(body);
        var text = $"{source} may not get tokens of {file.Principal} (credential {file.Path}): generateAccessToken answered {status} {state}: {message}";
        if (status == 403)
            text += $" The caller needs {TokenCreatorRole} on the service account: " +
                    $"`gcloud iam service-accounts add-iam-policy-binding {file.Principal.Email} --member={SourceMember(source)} --role={TokenCreatorRole}`.";
        else if (status == 401)
            text += " The source credential was not accepted: run `gcloud auth application-default login --impersonate-service-account=" + file.Principal.Email + "` again.";
        return new GoogleCredentialException(text);
    }

    /// <summary>The member the grant needs: the key's account, or the signed-in user of an application-default login, read from gcloud by the shell.</summary>
    private static string SourceMember(GooglePrincipal source) =>
        source.IamMember ?? "\"user:$(gcloud config get account)\"";

    private static (string Status, string Message) GoogleError(string body)
    {
        try
        {
            var error = JsonNode.Parse(body)?["error"];
            return (error?["status"]?.GetValue<string>() ?? "", error?["message"]?.GetValue<string>() ?? body.Trim());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return ("", body.Trim());
        }
    }

    private static TokenAnswer? Answer(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<TokenAnswer>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record TokenAnswer(string? AccessToken, string? ExpireTime);
}
