using System.Text.Json;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.OAuth;

namespace ArtifactRegistry.Sandbox.Clients;

/// <summary>
/// A Workload Identity Federation credential file (<c>"type": "external_account"</c>) like the one google-github-actions/auth
/// writes: the subject token comes from a URL (here the sandbox, standing in for the CI system's OIDC endpoint), is exchanged
/// at <c>token_url</c> (the sandbox's STS), and optionally impersonates a service account.
/// </summary>
internal static class ExternalAccountFile
{
    public static string Render(Uri apiEndpoint, string subjectTokenId, string? impersonatedEmail)
    {
        var file = new JsonObject
        {
            ["type"] = "external_account",
            ["audience"] = WorkloadIdentity.Audience,
            ["subject_token_type"] = WorkloadIdentity.SubjectTokenType,
            ["token_url"] = new Uri(apiEndpoint, "v1/token").ToString(),
            ["credential_source"] = new JsonObject
            {
                ["url"] = new Uri(apiEndpoint, "sandbox/subject-tokens/" + subjectTokenId).ToString(),
                ["format"] = new JsonObject { ["type"] = "json", ["subject_token_field_name"] = "value" },
            },
            ["universe_domain"] = "googleapis.com",
        };
        if (impersonatedEmail is not null)
            file["service_account_impersonation_url"] =
                new Uri(apiEndpoint, $"v1/projects/-/serviceAccounts/{impersonatedEmail}:generateAccessToken").ToString();
        return file.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
