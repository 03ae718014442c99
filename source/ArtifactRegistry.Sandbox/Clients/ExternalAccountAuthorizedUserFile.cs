using System.Text.Json;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.OAuth;

namespace ArtifactRegistry.Sandbox.Clients;

/// <summary>
/// A Workforce Identity Federation sign-in (<c>"type": "external_account_authorized_user"</c>), as
/// <c>gcloud auth application-default login</c> writes it for a workforce pool: a refresh token, the client that may use it,
/// and STS's <c>token_url</c> (here the sandbox's).
/// </summary>
internal static class ExternalAccountAuthorizedUserFile
{
    public static string Render(Uri apiEndpoint, string refreshToken) =>
        new JsonObject
        {
            ["type"] = "external_account_authorized_user",
            ["audience"] = WorkforceIdentity.Audience,
            ["refresh_token"] = refreshToken,
            ["token_url"] = new Uri(apiEndpoint, "v1/oauthtoken").ToString(),
            ["token_info_url"] = new Uri(apiEndpoint, "v1/introspect").ToString(),
            ["client_id"] = WorkforceIdentity.ClientId,
            ["client_secret"] = WorkforceIdentity.ClientSecret,
            ["universe_domain"] = "googleapis.com",
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
