using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ArtifactRegistry.Auth;
using ArtifactRegistry.References;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Registry;

/// <summary>
/// A typed client for the Artifact Registry REST API v1: the calls this library needs, each with bearer authentication,
/// bounded retries on 429/5xx/dropped connections (honouring Retry-After), and Google's errors as <see cref="ArtifactRegistryApiException"/>.
/// Resources are the typed names of <see cref="References"/>; their URL paths escape package ids once more, as Google expects.
/// </summary>
internal sealed partial class ArtifactRegistryClient : IDisposable
{
    internal static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private readonly IAccessTokenSource _tokens;
    private readonly HttpClient _http;
    private readonly ArtifactRegistryClientOptions _options;
    private readonly ILogger _logger;
    private int _requestCount;

    public ArtifactRegistryClient(IAccessTokenSource tokens, ArtifactRegistryClientOptions? options = null)
    {
        _tokens = tokens;
        _options = options ?? new ArtifactRegistryClientOptions();
        _logger = _options.Logger;
        ApiRoot = _options.ApiRoot is { } root ? ArtifactRegistryEndpoint.ApiRoot(root) : ArtifactRegistryEndpoint.FromEnvironment();
        ResourceManagerRoot = _options.ResourceManagerRoot is { } projects ? ArtifactRegistryEndpoint.ApiRoot(projects) : ResourceManagerEndpoint.FromEnvironment();
        _http = new HttpClient(_options.Handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: _options.Handler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ArtifactRegistry.Nuke", typeof(ArtifactRegistryClient).Assembly.GetName().Version?.ToString(3)));
    }

    /// <summary>The API root requests go to (ends in <c>v1/</c>).</summary>
    public Uri ApiRoot { get; }

    /// <summary>Cloud Resource Manager's API root (ends in <c>v1/</c>), for project IAM policies.</summary>
    public Uri ResourceManagerRoot { get; }

    /// <summary>HTTP requests sent so far, retries included.</summary>
    public int RequestCount => _requestCount;

    /// <summary>The token source the client authenticates with.</summary>
    public IAccessTokenSource Tokens => _tokens;

    // ---- repositories -------------------------------------------------------------------------------------------

    /// <summary><c>repositories.get</c>.</summary>
    public Task<Repository> GetRepositoryAsync(RepositoryName repository, CancellationToken cancellationToken = default) =>
        SendAsync<Repository>(HttpMethod.Get, repository.ToString(), "", null, cancellationToken);

    /// <summary><c>repositories.get</c>, with <see langword="null"/> for a repository that does not exist (404).</summary>
    public async Task<Repository?> FindRepositoryAsync(RepositoryName repository, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetRepositoryAsync(repository, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactRegistryApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary><c>repositories.create</c>: starts the creation and returns its operation.</summary>
    public Task<LongRunningOperation> CreateRepositoryAsync(RepositoryName name, Repository repository, CancellationToken cancellationToken = default) =>
        SendAsync<LongRunningOperation>(HttpMethod.Post, $"{ParentOf(name)}/repositories", Query(("repositoryId", name.RepositoryId)), repository with { Name = null }, cancellationToken);

    /// <summary>Creates a repository and waits for the operation; returns the repository as the service then reports it.</summary>
    public async Task<Repository> CreateRepositoryAndWaitAsync(RepositoryName name, Repository repository, CancellationToken cancellationToken = default)
    {
        var operation = await CreateRepositoryAsync(name, repository, cancellationToken).ConfigureAwait(false);
        await WaitForOperationAsync(operation, cancellationToken).ConfigureAwait(false);
        return await GetRepositoryAsync(name, cancellationToken).ConfigureAwait(false);
    }

    private static string ParentOf(RepositoryName name) => $"projects/{name.ProjectId}/locations/{name.LocationId}";

    // ---- IAM ----------------------------------------------------------------------------------------------------

    /// <summary><c>testIamPermissions</c>: the subset of <paramref name="permissions"/> the caller holds on <paramref name="resource"/>.</summary>
    public async Task<IReadOnlyList<string>> TestIamPermissionsAsync(RepositoryName resource, IEnumerable<string> permissions, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync<PermissionsAnswer>(HttpMethod.Post, $"{resource}:testIamPermissions", "",
            new { permissions = permissions.ToArray() }, cancellationToken).ConfigureAwait(false);
        return answer.Permissions ?? [];
    }

    /// <summary><c>getIamPolicy</c> (policy version 3, so conditional bindings come back intact).</summary>
    public Task<IamPolicy> GetIamPolicyAsync(RepositoryName resource, CancellationToken cancellationToken = default) =>
        SendAsync<IamPolicy>(HttpMethod.Get, $"{resource}:getIamPolicy", Query(("options.requestedPolicyVersion", "3")), null, cancellationToken);

    /// <summary><c>setIamPolicy</c>: refused with ABORTED (409) when the policy's etag is stale.</summary>
    public Task<IamPolicy> SetIamPolicyAsync(RepositoryName resource, IamPolicy policy, CancellationToken cancellationToken = default) =>
        SendAsync<IamPolicy>(HttpMethod.Post, $"{resource}:setIamPolicy", "", new { policy }, cancellationToken);

    // ---- tags ---------------------------------------------------------------------------------------------------

    /// <summary><c>tags.get</c>.</summary>
    public Task<Tag> GetTagAsync(TagName tag, CancellationToken cancellationToken = default) =>
        SendAsync<Tag>(HttpMethod.Get, tag.ToString(), "", null, cancellationToken);

    /// <summary><c>tags.get</c>, with <see langword="null"/> for a tag that does not exist.</summary>
    public async Task<Tag?> FindTagAsync(TagName tag, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetTagAsync(tag, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactRegistryApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary><c>tags.list</c>; <paramref name="filter"/> e.g. <c>version="…/versions/sha256:…"</c>.</summary>
    public IAsyncEnumerable<Tag> ListTagsAsync(PackageName package, string? filter = null, int pageSize = 1000, CancellationToken cancellationToken = default) =>
        ListAsync<Tag>($"{package}/tags", "tags", [("filter", filter)], pageSize, cancellationToken);

    /// <summary><c>tags.create</c>.</summary>
    public Task<Tag> CreateTagAsync(TagName tag, VersionName version, CancellationToken cancellationToken = default) =>
        SendAsync<Tag>(HttpMethod.Post, $"{tag.PackageName}/tags", Query(("tagId", tag.TagId)),
            new Tag { Name = tag.ToString(), Version = version.ToString() }, cancellationToken);

    /// <summary><c>tags.patch</c> of the version: moves the tag (needs <c>artifactregistry.tags.update</c>).</summary>
    public Task<Tag> UpdateTagAsync(TagName tag, VersionName version, CancellationToken cancellationToken = default) =>
        SendAsync<Tag>(HttpMethod.Patch, tag.ToString(), Query(("updateMask", "version")), new Tag { Name = tag.ToString(), Version = version.ToString() }, cancellationToken);

    /// <summary><c>tags.delete</c>.</summary>
    public Task DeleteTagAsync(TagName tag, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Delete, tag.ToString(), "", null, cancellationToken);

    // ---- versions and docker images -----------------------------------------------------------------------------

    /// <summary><c>versions.get</c>.</summary>
    public Task<PackageVersion> GetVersionAsync(VersionName version, VersionView view = VersionView.Basic, CancellationToken cancellationToken = default) =>
        SendAsync<PackageVersion>(HttpMethod.Get, version.ToString(), Query(("view", ViewName(view))), null, cancellationToken);

    /// <summary><c>versions.list</c>, every page.</summary>
    public IAsyncEnumerable<PackageVersion> ListVersionsAsync(
        PackageName package, VersionView view = VersionView.Basic, string? orderBy = null, int pageSize = 1000, CancellationToken cancellationToken = default) =>
        ListAsync<PackageVersion>($"{package}/versions", "versions", [("view", ViewName(view)), ("orderBy", orderBy)], pageSize, cancellationToken);

    /// <summary><c>dockerImages.list</c>, every page.</summary>
    public IAsyncEnumerable<DockerImage> ListDockerImagesAsync(RepositoryName repository, string? orderBy = null, int pageSize = 1000, CancellationToken cancellationToken = default) =>
        ListAsync<DockerImage>($"{repository}/dockerImages", "dockerImages", [("orderBy", orderBy)], pageSize, cancellationToken);

    // ---- operations ---------------------------------------------------------------------------------------------

    /// <summary><c>operations.get</c>.</summary>
    public Task<LongRunningOperation> GetOperationAsync(string operationName, CancellationToken cancellationToken = default) =>
        SendAsync<LongRunningOperation>(HttpMethod.Get, operationName, "", null, cancellationToken);

    /// <summary>Polls <paramref name="operation"/> until it is done; a failed operation becomes an <see cref="ArtifactRegistryApiException"/>.</summary>
    public async Task<LongRunningOperation> WaitForOperationAsync(LongRunningOperation operation, CancellationToken cancellationToken = default)
    {
        var started = _options.Time.GetTimestamp();
        var interval = _options.OperationPollInterval;
        while (!operation.Done)
        {
            if (_options.Time.GetElapsedTime(started) > _options.OperationTimeout)
                throw new TimeoutException(
                    $"Artifact Registry operation {operation.Name} did not finish within {_options.OperationTimeout.TotalSeconds:0} s; " +
                    $"check it with: gcloud artifacts operations describe {operation.Name?.Split('/').Last()}");
            await Task.Delay(interval, _options.Time, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 3 / 2, TimeSpan.FromSeconds(5).Ticks));
            operation = await GetOperationAsync(operation.Name ?? throw new InvalidOperationException("The operation has no name to poll."), cancellationToken).ConfigureAwait(false);
        }

        if (operation.Error is { } error)
        {
            var (status, name) = GoogleRpcCode(error.Code);
            throw new ArtifactRegistryApiException(HttpMethod.Get, operation.Name ?? "(operation)", status, name, error.Message ?? "The operation failed.");
        }
        return operation;
    }

    // ---- transport ----------------------------------------------------------------------------------------------

    private async IAsyncEnumerable<T> ListAsync<T>(
        string collection, string itemsField, (string Name, string? Value)[] parameters, int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? pageToken = null;
        do
        {
            var query = Query([.. parameters, ("pageSize", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("pageToken", pageToken)]);
            var page = await SendAsync<JsonElement>(HttpMethod.Get, collection, query, null, cancellationToken).ConfigureAwait(false);
            if (page.ValueKind == JsonValueKind.Object && page.TryGetProperty(itemsField, out var items))
                foreach (var item in items.EnumerateArray())
                    yield return item.Deserialize<T>(Json)!;
            pageToken = page.ValueKind == JsonValueKind.Object && page.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null;
        }
        while (!string.IsNullOrEmpty(pageToken));
    }

    private Task<T> SendAsync<T>(HttpMethod method, string resource, string query, object? body, CancellationToken cancellationToken) =>
        SendAsync<T>(ApiRoot, method, resource, query, body, cancellationToken);

    /// <param name="apiRoot">The versioned root of the service addressed: Artifact Registry's, or another Google API the same credentials reach.</param>
    private async Task<T> SendAsync<T>(Uri apiRoot, HttpMethod method, string resource, string query, object? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(apiRoot, ResourcePath(resource) + "?alt=json" + query);
        var retry = _options.Retry;
        for (var attempt = 1; ; attempt++)
        {
            var token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            if (body is not null)
                request.Content = JsonContent.Create(body, body.GetType(), options: Json);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            var stopwatch = Stopwatch.StartNew();
            HttpResponseMessage response;
            Interlocked.Increment(ref _requestCount);
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransportFailure(e, cancellationToken) && attempt < retry.MaxAttempts)
            {
                var delay = retry.DelayAfter(attempt, null, _options.Time.GetUtcNow())!.Value;
                LogRetry(method, resource, e.GetType().Name + ": " + e.Message, attempt, retry.MaxAttempts, delay);
                await Task.Delay(delay, _options.Time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception e) when (IsTransportFailure(e, cancellationToken))
            {
                throw new HttpRequestException(
                    $"Artifact Registry could not be reached for {method} {resource} after {attempt} attempts ({apiRoot}): {e.Message}", e);
            }

            using (response)
            {
                LogAnswer(method, resource, (int)response.StatusCode, stopwatch.ElapsedMilliseconds);
                if (response.IsSuccessStatusCode)
                {
                    var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    return string.IsNullOrWhiteSpace(text) ? JsonSerializer.Deserialize<T>("{}", Json)! : JsonSerializer.Deserialize<T>(text, Json)!;
                }

                if (RetryPolicy.IsRetryable(response.StatusCode) && attempt < retry.MaxAttempts &&
                    retry.DelayAfter(attempt, response.Headers.RetryAfter, _options.Time.GetUtcNow()) is { } wait)
                {
                    LogRetry(method, resource, $"HTTP {(int)response.StatusCode}", attempt, retry.MaxAttempts, wait);
                    await Task.Delay(wait, _options.Time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var error = await ErrorAsync(method, resource, response, cancellationToken).ConfigureAwait(false);
                // Not a missing role: the token itself may do nothing here, which no grant fixes.
                if (error.IsScopeInsufficient)
                    throw AccessTokenScope.Insufficient(_tokens, error);
                throw error;
            }
        }
    }

    private static bool IsTransportFailure(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static async Task<ArtifactRegistryApiException> ErrorAsync(HttpMethod method, string resource, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var error = JsonSerializer.Deserialize<ErrorEnvelope>(text, Json)?.Error;
            if (error?.Message is not null)
                return new ArtifactRegistryApiException(method, resource, response.StatusCode, error.Status, error.Message)
                {
                    Reason = error.Details?.Select(detail => detail.Reason).FirstOrDefault(reason => reason is not null),
                };
        }
        catch (JsonException)
        {
            // Not Google's JSON (a proxy's HTML page): the text itself is the best explanation.
        }
        var excerpt = text.Length > 300 ? text[..300] + "…" : text;
        return new ArtifactRegistryApiException(method, resource, response.StatusCode, null, excerpt.Trim());
    }

    /// <summary>Escapes each segment of a resource name for a URL path, so <c>team%2Fapp</c> travels as <c>team%252Fapp</c>.</summary>
    internal static string ResourcePath(string resource)
    {
        var builder = new StringBuilder(resource.Length + 16);
        foreach (var segment in resource.Split('/'))
        {
            if (builder.Length > 0)
                builder.Append('/');
            // ':' (digests, custom methods) and '@' (image@digest) stay literal, as gcloud sends them.
            builder.Append(Uri.EscapeDataString(segment).Replace("%3A", ":", StringComparison.Ordinal).Replace("%40", "@", StringComparison.Ordinal));
        }
        return builder.ToString();
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in parameters)
            if (!string.IsNullOrEmpty(value))
                builder.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return builder.ToString();
    }

    private static string ViewName(VersionView view) => view == VersionView.Full ? "FULL" : "BASIC";

    private static (HttpStatusCode, string) GoogleRpcCode(int code) => code switch
    {
        3 => (HttpStatusCode.BadRequest, "INVALID_ARGUMENT"),
        5 => (HttpStatusCode.NotFound, "NOT_FOUND"),
        6 => (HttpStatusCode.Conflict, "ALREADY_EXISTS"),
        7 => (HttpStatusCode.Forbidden, "PERMISSION_DENIED"),
        8 => (HttpStatusCode.TooManyRequests, "RESOURCE_EXHAUSTED"),
        9 => (HttpStatusCode.BadRequest, "FAILED_PRECONDITION"),
        10 => (HttpStatusCode.Conflict, "ABORTED"),
        14 => (HttpStatusCode.ServiceUnavailable, "UNAVAILABLE"),
        16 => (HttpStatusCode.Unauthorized, "UNAUTHENTICATED"),
        _ => (HttpStatusCode.InternalServerError, "INTERNAL"),
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Resource} → {Status} ({ElapsedMs} ms)")]
    private partial void LogAnswer(HttpMethod method, string resource, int status, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Resource}: {Problem}; retry {Attempt}/{MaxAttempts} in {Delay}")]
    private partial void LogRetry(HttpMethod method, string resource, string problem, int attempt, int maxAttempts, TimeSpan delay);

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.Converters.Add(new GoogleTimestampConverter());
        return options;
    }

    public void Dispose() => _http.Dispose();

    private sealed record PermissionsAnswer(IReadOnlyList<string>? Permissions);

    private sealed record ErrorEnvelope(GoogleError? Error);

    private sealed record GoogleError(int Code, string? Message, string? Status, IReadOnlyList<GoogleErrorDetail>? Details);

    /// <summary>A <c>google.rpc.ErrorInfo</c> detail: its reason tells apart refusals that share a status.</summary>
    private sealed record GoogleErrorDetail(string? Reason);
}
