using System.Net.Http.Headers;
using System.Text.Json;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Kubernetes;

/// <summary>
/// Asks the GKE API (<c>projects.locations.clusters.get</c>) which service account a node pool runs as: the principal its
/// nodes pull images with. Honours gcloud's <c>CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER</c>, as gcloud does.
/// </summary>
internal sealed class GkeNodePools(IAccessTokenSource tokens, Func<string, string?> environment, HttpMessageHandler? handler)
{
    public const string OverrideVariable = "CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER";
    private static readonly Uri Google = new("https://container.googleapis.com/");

    /// <summary>
    /// The pool's account (the cluster's default node account when the pool is unknown or sets none) as an email: GKE's
    /// <c>default</c> (the Compute Engine default account) is resolved through Resource Manager's <c>projects.get</c> to
    /// <c>PROJECT_NUMBER-compute@developer.gserviceaccount.com</c>, and stays <c>default</c> when the caller may not read the
    /// project; null when the GKE API cannot tell.
    /// </summary>
    public async Task<string?> FindServiceAccountAsync(GkeClusterName cluster, string? nodePool, CancellationToken cancellationToken)
    {
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromSeconds(30);
        var token = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        var account = await FindAsync(http, token, cluster, nodePool, cancellationToken).ConfigureAwait(false);
        return account == ComputeDefault && await ProjectNumberAsync(http, token, cluster.ProjectId, cancellationToken).ConfigureAwait(false) is { } number
            ? $"{number}-compute@developer.gserviceaccount.com"
            : account;
    }

    /// <summary>What the GKE API calls the Compute Engine default service account.</summary>
    public const string ComputeDefault = "default";

    private async Task<string?> FindAsync(HttpClient http, AccessToken token, GkeClusterName cluster, string? nodePool, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Root(), $"v1/projects/{cluster.ProjectId}/locations/{cluster.Location}/clusters/{cluster.Cluster}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            return null;
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var root = document.RootElement;
        if (root.TryGetProperty("nodePools", out var pools) && pools.ValueKind == JsonValueKind.Array)
            foreach (var pool in pools.EnumerateArray())
                if ((nodePool is null || pool.TryGetProperty("name", out var name) && name.GetString() == nodePool) && Account(pool) is { } account)
                    return account;
        return Account(root);
    }

    /// <summary>Resource Manager v1 <c>projects.get</c>: the project's number, or null when the caller may not read it.</summary>
    private async Task<string?> ProjectNumberAsync(HttpClient http, AccessToken token, string projectId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ResourceManagerEndpoint.FromEnvironment(environment), $"projects/{Uri.EscapeDataString(projectId)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            return null;
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return document.RootElement.TryGetProperty("projectNumber", out var number) && number.GetString() is { Length: > 0 } text && text.All(char.IsAsciiDigit)
            ? text
            : null;
    }

    private static string? Account(JsonElement owner) =>
        owner.TryGetProperty("config", out var config) || owner.TryGetProperty("nodeConfig", out config)
            ? config.TryGetProperty("serviceAccount", out var account) && account.GetString() is { Length: > 0 } text ? text : null
            : null;

    private Uri Root()
    {
        var value = environment(OverrideVariable);
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
            return Google;
        var text = uri.ToString();
        // gcloud's override may end in the version, which the request path carries.
        text = text.EndsWith("/v1/", StringComparison.Ordinal) ? text[..^3] : text.EndsWith('/') ? text : text + "/";
        return new Uri(text);
    }
}
