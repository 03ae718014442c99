using System.Net.Http.Headers;
using System.Text.Json;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.Iam;
using ArtifactRegistry.IntegrationTests.DockerAuth;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.Grants;

/// <summary>The sandbox with the seed article's principals; operations act as one of them through the REST API only.</summary>
internal sealed class GrantWorld : IAsyncDisposable
{
    public const string Repository = "asia-docker.pkg.dev/sample-project/sample";
    public const string RepositoryName = "projects/sample-project/locations/asia/repositories/sample";
    public const string Nodes = "serviceAccount:" + SandboxPrincipals.GkeNodes;

    private readonly HttpClient _http = new();

    private GrantWorld(SandboxServer sandbox) => Sandbox = sandbox;

    public SandboxServer Sandbox { get; }

    public ListLogger Log { get; } = new();

    public static async Task<GrantWorld> StartAsync() => new(await SandboxServer.StartAsync());

    /// <summary>The operations acting as <paramref name="principal"/> against the sandbox, Resource Manager included.</summary>
    public OperationContext As(string principal, HttpMessageHandler? handler = null)
    {
        var context = OperationContext.Default
            .SetArtifactRegistryEndpoint(Sandbox.ApiEndpoint)
            .SetEnvironmentVariable("CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER", Sandbox.ApiEndpoint.ToString())
            .SetAccessTokenSource(Tokens(principal))
            .SetLogger(Log);
        return handler is null ? context : context.SetHttpHandler(handler);
    }

    /// <summary>Asks the sandbox, with <paramref name="principal"/>'s own token, which of the pull permissions it holds on the repository.</summary>
    public async Task<bool> MayPullAsync(string principal)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Sandbox.ApiEndpoint, $"v1/{RepositoryName}:testIamPermissions"))
        {
            Content = new StringContent("""{"permissions":["artifactregistry.repositories.downloadArtifacts"]}"""),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Sandbox.IssueAccessToken(principal));
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.TryGetProperty("permissions", out var held) && held.GetArrayLength() == 1;
    }

    /// <summary>The repository's members of <paramref name="role"/>, read over HTTP as the administrator.</summary>
    public async Task<IReadOnlyList<string>> MembersAsync(string role)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Sandbox.ApiEndpoint, $"v1/{RepositoryName}:getIamPolicy"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Sandbox.IssueAccessToken(SandboxPrincipals.Admin));
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (!body.RootElement.TryGetProperty("bindings", out var bindings))
            return [];
        return bindings.EnumerateArray()
            .Where(b => b.GetProperty("role").GetString() == role)
            .SelectMany(b => b.GetProperty("members").EnumerateArray().Select(m => m.GetString()!))
            .ToList();
    }

    private IAccessTokenSource Tokens(string principal) => new RefreshingAccessTokenSource(
        $"sandbox tokens of {principal}", GooglePrincipal.ServiceAccount(principal),
        _ =>
        {
            var now = DateTimeOffset.UtcNow;
            return Task.FromResult(new AccessToken(Sandbox.IssueAccessToken(principal), now, now.AddHours(1)));
        });

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Sandbox.DisposeAsync();
    }
}
