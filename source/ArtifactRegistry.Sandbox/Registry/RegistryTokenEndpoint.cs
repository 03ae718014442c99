using System.Globalization;
using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Http;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Registry;

/// <summary>
/// <c>GET /v2/token?service=…&amp;scope=repository:NAME:pull,push</c>, the realm of the registry's Bearer challenge.
/// Valid credentials get a token (permissions are checked on each request, where Google reports them); no credentials get an
/// anonymous token only for repositories that allow <c>allUsers</c>, otherwise Google's "Unauthenticated request" denial;
/// invalid credentials get 401.
/// </summary>
internal static class RegistryTokenEndpoint
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static async Task HandleAsync(HttpContext http, RegistryListener listener, SandboxServices services)
    {
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            // Clients that try the OAuth2 POST form first (containerd) fall back to GET on 405.
            await RegistryError.Unsupported("use GET /v2/token").WriteAsync(http).ConfigureAwait(false);
            return;
        }

        var credentials = RegistryCredentials.FromHeader(http.Request, services, allowBearer: false);
        if (credentials.Failure is not null)
        {
            await new RegistryError(401, "UNAUTHORIZED", "Invalid credentials: " + credentials.Failure).WriteAsync(http).ConfigureAwait(false);
            return;
        }

        var caller = credentials.Caller ?? Caller.Anonymous;
        var expires = services.Time.GetUtcNow() + Lifetime;
        if (!caller.IsAnonymous)
        {
            var access = http.Request.Headers.Authorization.ToString();
            if (AccessTokenExpiry(access, services) is { } tokenExpiry && tokenExpiry < expires)
                expires = tokenExpiry;
        }
        else
        {
            foreach (var scope in http.Request.Query["scope"])
                DenyAnonymous(scope ?? "", listener, services);
        }

        var lifetime = expires - services.Time.GetUtcNow();
        var token = services.RegistryTokens.Issue(caller, lifetime, "registry");
        await http.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("token", token);
            w.WriteString("access_token", token);
            w.WriteNumber("expires_in", (long)lifetime.TotalSeconds);
            w.WriteString("issued_at", services.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary>Anonymous pulls work only where <c>allUsers</c> may download; anonymous pushes never do.</summary>
    private static void DenyAnonymous(string scope, RegistryListener listener, SandboxServices services)
    {
        var parts = scope.Split(':');
        if (parts.Length < 3 || parts[0] != "repository")
            return;
        ImageName name;
        try
        {
            name = ImageName.Parse(string.Join(':', parts[1..^1]), listener);
        }
        catch (RegistryError)
        {
            return;
        }

        var actions = parts[^1].Split(',');
        var permission = actions.Contains("push") || actions.Contains("*") || actions.Contains("delete")
            ? Permissions.RepositoriesUploadArtifacts
            : Permissions.RepositoriesDownloadArtifacts;
        if (!services.Authorizer.Has(Caller.Anonymous, name.Repository, permission))
            throw RegistryError.Unauthenticated(permission, name.Repository.Resource);
    }

    private static DateTimeOffset? AccessTokenExpiry(string authorization, SandboxServices services)
    {
        try
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            var password = decoded[(decoded.IndexOf(':') + 1)..];
            return services.AccessTokens.TryValidate(password, out var grant) ? grant.ExpiresAt : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
