using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.OAuth;

namespace ArtifactRegistry.Sandbox.Clients;

/// <summary>
/// The JSON key file of a service account, in Google's format, with <c>token_uri</c> pointing at the sandbox so that
/// Google.Apis.Auth, gcloud and docker's <c>_json_key</c> login exchange it here.
/// </summary>
internal static class ServiceAccountKeyFile
{
    public static string Render(ServiceAccount account, Uri tokenUri) =>
        new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = account.ProjectId,
            ["private_key_id"] = account.KeyId,
            ["private_key"] = account.Key.ExportPkcs8PrivateKeyPem() + "\n",
            ["client_email"] = account.Email,
            ["client_id"] = account.UniqueId,
            ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth",
            ["token_uri"] = tokenUri.ToString(),
            ["auth_provider_x509_cert_url"] = "https://www.googleapis.com/oauth2/v1/certs",
            ["client_x509_cert_url"] = "https://www.googleapis.com/robot/v1/metadata/x509/" + Uri.EscapeDataString(account.Email),
            ["universe_domain"] = "googleapis.com",
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>
    /// Recognises a key file sent as a registry password (<c>_json_key</c>): the account must exist here and the file's
    /// key must be the account's key.
    /// </summary>
    public static bool TryAuthenticate(string json, ServiceAccounts accounts, [NotNullWhen(true)] out ServiceAccount? account)
    {
        account = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("client_email", out var email) || !root.TryGetProperty("private_key_id", out var keyId)
                || !root.TryGetProperty("private_key", out var privateKey))
                return false;
            var candidate = accounts.Find(email.GetString() ?? "");
            if (candidate is null || candidate.KeyId != keyId.GetString())
                return false;
            using var presented = System.Security.Cryptography.RSA.Create();
            presented.ImportFromPem(privateKey.GetString());
            if (!presented.ExportRSAPublicKey().AsSpan().SequenceEqual(candidate.Key.ExportRSAPublicKey()))
                return false;
            account = candidate;
            return true;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or System.Security.Cryptography.CryptographicException or InvalidOperationException)
        {
            return false;
        }
    }
}
