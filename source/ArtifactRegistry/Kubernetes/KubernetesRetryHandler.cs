using System.Net;
using System.Net.Sockets;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Kubernetes;

/// <summary>
/// Sends a Kubernetes API request again after a 429 (waiting as long as its <c>Retry-After</c> says), a 5xx, or a connection
/// that broke before the answer, with growing waits. Only reads and patches are repeated: every patch SetImage sends sets
/// values rather than adding to them (the same image, the same change-cause, the same template), so sending it twice
/// leaves the object as sending it once does. Watches are retried here too, for their opening answer; a stream that
/// breaks later is resumed by the caller from its last resourceVersion.
/// </summary>
internal sealed partial class KubernetesRetryHandler(RetryPolicy policy, TimeProvider time, ILogger logger) : DelegatingHandler
{
    private readonly ILogger _logger = logger;

    /// <summary>
    /// Eight attempts from a quarter second up to 8 s apart: about 24 s in all, what a brief API server overload or a
    /// control-plane node replaced behind its load balancer takes, while a cluster that is really gone fails within a build step.
    /// </summary>
    public static RetryPolicy DefaultPolicy { get; } = RetryPolicy.Default with
    {
        MaxAttempts = 8,
        InitialBackoff = TimeSpan.FromMilliseconds(250),
        MaxBackoff = TimeSpan.FromSeconds(8),
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!IsRepeatable(request.Method))
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Content is not null)
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false); // sent again, byte for byte

        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsBrokenConnection(exception, cancellationToken) && attempt < policy.MaxAttempts)
            {
                var delay = policy.DelayAfter(attempt, null, time.GetUtcNow())!.Value;
                LogRetry(request.Method, Path(request), exception.Message, attempt, policy.MaxAttempts, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!RetryPolicy.IsRetryable(response.StatusCode) || attempt >= policy.MaxAttempts ||
                policy.DelayAfter(attempt, response.Headers.RetryAfter, time.GetUtcNow()) is not { } wait)
                return response;
            LogRetry(request.Method, Path(request), $"HTTP {(int)response.StatusCode}", attempt, policy.MaxAttempts, wait);
            response.Dispose();
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsRepeatable(HttpMethod method) => method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Patch;

    /// <summary>
    /// A connection or HTTP/2 stream that was open and then broke (reset, or closed before a whole answer). A refused connection, an unknown
    /// host or a failed TLS handshake are not retried: they do not heal in seconds, and their message says what to fix.
    /// </summary>
    internal static bool IsBrokenConnection(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return false;
        return exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse } => true,
            // HTTP/2 (what API servers speak): a stream the server resets is the dropped connection of HTTP/1.1.
            HttpRequestException { InnerException: HttpProtocolException } => true,
            HttpProtocolException => true,
            HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown } } => true,
            // The answer's body broke off while being read ("Error while copying content to a stream").
            HttpRequestException { InnerException: IOException } => true,
            IOException and not FileNotFoundException => true,
            _ => false,
        };
    }

    private static string Path(HttpRequestMessage request) => request.RequestUri?.AbsolutePath ?? "";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kubernetes API {Method} {Path}: {Problem}; retry {Attempt}/{MaxAttempts} in {Delay}")]
    private partial void LogRetry(HttpMethod method, string path, string problem, int attempt, int maxAttempts, TimeSpan delay);
}
