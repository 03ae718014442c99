using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Http;
using ArtifactRegistry.Sandbox.Iam;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.OAuth;

/// <summary>
/// The metadata server of a Google Cloud machine (<c>GCE_METADATA_HOST=127.0.0.1:PORT</c>), once the sandbox is told which
/// service account and access scopes the machine has: its tokens carry exactly those scopes, so a machine created with the
/// default access scopes gets tokens that Artifact Registry's REST API refuses, as on Google Cloud.
/// </summary>
internal sealed class MetadataServer
{
    public const string PathPrefix = "/computeMetadata/v1/";
    private const string ServiceAccountPath = PathPrefix + "instance/service-accounts/default/";

    private volatile Machine? _machine;

    public void SetMachine(string email, IReadOnlyList<string> scopes) => _machine = new Machine(email, scopes.ToArray());

    public async Task HandleAsync(HttpContext http, string path, SandboxServices services)
    {
        http.Response.Headers["Metadata-Flavor"] = "Google";
        if (http.Request.Headers["Metadata-Flavor"] != "Google")
        {
            await TextAsync(http, 403, "Missing Metadata-Flavor:Google header.").ConfigureAwait(false);
            return;
        }

        if (_machine is not var (email, scopes))
        {
            await TextAsync(http, 404, "This machine has no service account.").ConfigureAwait(false);
            return;
        }

        switch (path)
        {
            case PathPrefix:
                await TextAsync(http, 200, "instance/\nproject/\n").ConfigureAwait(false);
                break;
            case ServiceAccountPath + "email":
                await TextAsync(http, 200, email).ConfigureAwait(false);
                break;
            case ServiceAccountPath + "scopes":
                await TextAsync(http, 200, string.Join('\n', scopes) + "\n").ConfigureAwait(false);
                break;
            case ServiceAccountPath + "token":
                services.Accounts.GetOrCreate(email);
                var lifetime = services.Options.AccessTokenLifetime;
                var token = services.AccessTokens.Issue(Caller.ForEmail(email), lifetime, string.Join(' ', scopes));
                await http.JsonAsync(200, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("access_token", token);
                    w.WriteNumber("expires_in", (long)lifetime.TotalSeconds);
                    w.WriteString("token_type", "Bearer");
                    w.WriteEndObject();
                }).ConfigureAwait(false);
                break;
            default:
                await TextAsync(http, 404, "Not found.").ConfigureAwait(false);
                break;
        }
    }

    private static async Task TextAsync(HttpContext http, int status, string text)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/text";
        await http.Response.WriteAsync(text).ConfigureAwait(false);
    }

    private sealed record Machine(string Email, string[] Scopes);
}
