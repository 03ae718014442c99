using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ArtifactRegistry.Auth;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Registry;

/// <summary>
/// The Docker Registry HTTP API v2 (OCI distribution) of one image's repository, for what <c>docker push</c> cannot do: blobs and
/// manifests uploaded by digest, and an image index. Authenticates as docker does: the registry's Bearer challenge answered at its
/// token realm with <c>oauth2accesstoken</c> and a Google access token (the same credentials docker's login or helper uses), or
/// Basic with them where the registry asks for Basic.
/// </summary>
internal sealed class DistributionClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _registry;
    private readonly string _name;
    private readonly IAccessTokenSource _tokens;
    private readonly RetryPolicy _retries;
    private AuthenticationHeaderValue? _authorization;

    /// <param name="actualHost">Where the registry really answers (a host map's target); loopback hosts speak plain HTTP, as docker allows them.</param>
    /// <param name="name">The repository path, <c>PROJECT/REPOSITORY/IMAGE</c>.</param>
    /// <param name="retries">How often a call that failed transiently (5xx, 429, a dropped connection) is made again, and the waits.</param>
    public DistributionClient(string actualHost, string name, IAccessTokenSource tokens, RetryPolicy retries, HttpMessageHandler? handler = null)
    {
        _retries = retries;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = TimeSpan.FromMinutes(30);
        _ownsHttp = true;
        _registry = new Uri($"{(IsLoopback(actualHost) ? "http" : "https")}://{actualHost}/");
        _name = name;
        _tokens = tokens;
    }

    /// <summary>Whether the repository already holds the blob (then it need not be uploaded).</summary>
    public Task<bool> HasBlobAsync(ImageDigest digest, CancellationToken cancellationToken) =>
        RetryingAsync(() => HasBlobOnceAsync(digest, cancellationToken), cancellationToken);

    private async Task<bool> HasBlobOnceAsync(ImageDigest digest, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, Path($"blobs/{digest}")), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return false;
        await EnsureSuccessAsync(response, HttpMethod.Head, $"blobs/{digest}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Uploads a blob in one request after the upload session starts (<c>POST</c>, then <c>PUT ?digest=</c> with the whole content):
    /// what every registry accepts, Artifact Registry included, which takes no more than one chunk per upload.
    /// </summary>
    public Task UploadBlobAsync(ImageDigest digest, Func<Stream> open, long size, CancellationToken cancellationToken) =>
        RetryingAsync(async () =>
        {
            await UploadBlobOnceAsync(digest, open, size, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private async Task UploadBlobOnceAsync(ImageDigest digest, Func<Stream> open, long size, CancellationToken cancellationToken)
    {
        var start = Path("blobs/uploads/");
        using var started = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, start) { Content = new ByteArrayContent([]) }, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(started, HttpMethod.Post, "blobs/uploads/", cancellationToken).ConfigureAwait(false);
        var location = started.Headers.Location ?? throw Refused(HttpMethod.Post, "blobs/uploads/", started.StatusCode, null, "the registry started an upload without a Location header");
        var upload = location.IsAbsoluteUri ? location : new Uri(_registry, location);
        var separator = upload.Query.Length > 0 ? "&" : "?";
        var finish = new Uri(upload + separator + "digest=" + Uri.EscapeDataString(digest.ToString()));

        using var finished = await SendAsync(() =>
        {
            var content = new StreamContent(open());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = size;
            return new HttpRequestMessage(HttpMethod.Put, finish) { Content = content };
        }, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(finished, HttpMethod.Put, $"blobs/uploads/… (digest {digest.ToShortString()})", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts a manifest or index under <paramref name="reference"/> (a digest or a tag); returns the digest of the bytes sent.</summary>
    public Task<ImageDigest> PutManifestAsync(string reference, string mediaType, byte[] content, CancellationToken cancellationToken) =>
        RetryingAsync(() => PutManifestOnceAsync(reference, mediaType, content, cancellationToken), cancellationToken);

    private async Task<ImageDigest> PutManifestOnceAsync(string reference, string mediaType, byte[] content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() =>
        {
            var body = new ByteArrayContent(content);
            body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return new HttpRequestMessage(HttpMethod.Put, Path($"manifests/{reference}")) { Content = body };
        }, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, HttpMethod.Put, $"manifests/{reference}", cancellationToken).ConfigureAwait(false);
        return DigestOf(content);
    }

    /// <summary>The sha256 digest of <paramref name="content"/>.</summary>
    public static ImageDigest DigestOf(byte[] content) => ImageDigest.Parse("sha256:" + Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary>Runs a whole call (an upload from its start) again after a transient failure; refusals (4xx) are never retried.</summary>
    private async Task<T> RetryingAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception exception) when (attempt < _retries.MaxAttempts && IsTransient(exception, cancellationToken)
                                              && _retries.DelayAfter(attempt, null, DateTimeOffset.UtcNow) is { } wait)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RegistryUploadException refused => RetryPolicy.IsRetryable(refused.HttpStatus),
        HttpRequestException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested, // HttpClient's own timeout
        _ => false,
    };

    private Uri Path(string rest) => new(_registry, $"v2/{_name}/{rest}");

    /// <summary>Sends with the current credentials; on a 401 answers the challenge it carries and sends once more.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        using (var first = create())
        {
            first.Headers.Authorization = _authorization;
            var response = await _http.SendAsync(first, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
                return response;
            _authorization = await AnswerChallengeAsync(response, cancellationToken).ConfigureAwait(false);
            response.Dispose();
        }
        using var second = create();
        second.Headers.Authorization = _authorization;
        return await _http.SendAsync(second, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AuthenticationHeaderValue> AnswerChallengeAsync(HttpResponseMessage unauthorized, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("oauth2accesstoken:" + token.Value)));
        var challenge = unauthorized.Headers.WwwAuthenticate.FirstOrDefault(header => header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase));
        if (challenge?.Parameter is not { } parameter)
            return basic;

        var fields = ChallengeFields(parameter);
        if (!fields.TryGetValue("realm", out var realm))
            return basic;
        var query = new List<string>();
        if (fields.TryGetValue("service", out var service))
            query.Add("service=" + Uri.EscapeDataString(service));
        query.Add("scope=" + Uri.EscapeDataString($"repository:{_name}:pull,push"));
        using var request = new HttpRequestMessage(HttpMethod.Get, realm + (realm.Contains('?') ? "&" : "?") + string.Join("&", query));
        request.Headers.Authorization = basic;
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw Refused(HttpMethod.Get, "token", response.StatusCode, RegistryError(body).Code, RegistryError(body).Message ?? body,
                $"The registry's token endpoint refused the credentials of {_tokens.Description}.");
        using var json = JsonDocument.Parse(body);
        var registryToken = json.RootElement.TryGetProperty("token", out var value) || json.RootElement.TryGetProperty("access_token", out value)
            ? value.GetString()
            : null;
        return registryToken is null ? basic : new AuthenticationHeaderValue("Bearer", registryToken);
    }

    /// <summary>The <c>key="value"</c> pairs of a <c>WWW-Authenticate: Bearer …</c> challenge.</summary>
    internal static Dictionary<string, string> ChallengeFields(string parameter)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < parameter.Length)
        {
            var equals = parameter.IndexOf('=', i);
            if (equals < 0)
                break;
            var key = parameter[i..equals].Trim(' ', ',');
            string value;
            if (equals + 1 < parameter.Length && parameter[equals + 1] == '"')
            {
                var close = parameter.IndexOf('"', equals + 2);
                if (close < 0)
                    close = parameter.Length;
                value = parameter[(equals + 2)..close];
                i = close + 1;
            }
            else
            {
                var comma = parameter.IndexOf(',', equals + 1);
                if (comma < 0)
                    comma = parameter.Length;
                value = parameter[(equals + 1)..comma].Trim();
                i = comma;
            }
            fields[key] = value;
            i++;
        }
        return fields;
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, HttpMethod method, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var body = method == HttpMethod.Head ? "" : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (code, message) = RegistryError(body);
        var advice = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"The credentials of {_tokens.Description} may not write to {_name}: grant the principal roles/artifactregistry.writer on the repository " +
                "(GrantReader gives only read access), or run the build with a principal that has it.",
            HttpStatusCode.BadRequest when code is "TAG_INVALID" or "MANIFEST_INVALID" =>
                "The registry does not accept the manifest or the tag as sent; its message above says which rule it broke.",
            _ when (int)response.StatusCode >= 500 => "The registry failed on its side; run the build again.",
            _ => "Check the image's name and the registry's message above.",
        };
        throw Refused(method, what, response.StatusCode, code, message ?? (body.Length > 0 ? body : "(no error body)"), advice);
    }

    private RegistryUploadException Refused(HttpMethod method, string what, HttpStatusCode status, string? code, string message, string? advice = null) =>
        new($"The registry refused {method} /v2/{_name}/{what}: {(int)status} {code ?? status.ToString()} {message}".TrimEnd() +
            (advice is null ? "" : Environment.NewLine + advice),
            method, $"/v2/{_name}/{what}", status, code);

    /// <summary>The first <c>errors[]</c> entry of a registry error body, when it is one.</summary>
    private static (string? Code, string? Message) RegistryError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                return (first.TryGetProperty("code", out var code) ? code.GetString() : null,
                    first.TryGetProperty("message", out var message) ? message.GetString() : null);
            }
        }
        catch (JsonException)
        {
        }
        return (null, null);
    }

    private static bool IsLoopback(string host)
    {
        var name = host.StartsWith('[') ? host[1..host.IndexOf(']')] : host.Split(':')[0];
        return name == "localhost" || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }

    public void Dispose()
    {
        if (_ownsHttp)
            _http.Dispose();
    }
}
