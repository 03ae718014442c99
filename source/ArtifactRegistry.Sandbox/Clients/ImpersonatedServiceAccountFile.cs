using System.Text.Json;
using System.Text.Json.Nodes;

namespace ArtifactRegistry.Sandbox.Clients;

/// <summary>
/// The file <c>gcloud auth application-default login --impersonate-service-account=TARGET</c> writes
/// (<c>"type": "impersonated_service_account"</c>): a source credential, and the IAM Credentials URL where it asks for the
/// target's tokens (here the sandbox's <c>generateAccessToken</c>). The source here is a service-account key, as CI uses it.
/// </summary>
internal static class ImpersonatedServiceAccountFile
{
    public static string Render(string sourceKeyJson, string targetEmail, Uri apiEndpoint) =>
        new JsonObject
        {
            ["type"] = "impersonated_service_account",
            ["service_account_impersonation_url"] =
                new Uri(apiEndpoint, $"v1/projects/-/serviceAccounts/{targetEmail}:generateAccessToken").ToString(),
            ["delegates"] = new JsonArray(),
            ["source_credentials"] = JsonNode.Parse(sourceKeyJson),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
