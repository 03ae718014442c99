using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArtifactRegistry.Registry;

/// <summary>How an <see cref="ArtifactRegistryClient"/> connects; the defaults suit a build talking to Google.</summary>
internal sealed record ArtifactRegistryClientOptions
{
    /// <summary>The API root (ending in <c>v1/</c>); default: Google's, or the gcloud override in the environment.</summary>
    public Uri? ApiRoot { get; init; }

    /// <summary>Cloud Resource Manager's service root, for project IAM policies; default: Google's, or gcloud's override in the environment.</summary>
    public Uri? ResourceManagerRoot { get; init; }

    /// <summary>The HTTP handler to send through (tests, proxies); default: a new <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? Handler { get; init; }

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>How long one HTTP attempt may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for a long-running operation to finish.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first wait between two polls of an operation; it grows to a few seconds.</summary>
    public TimeSpan OperationPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILogger Logger { get; init; } = NullLogger.Instance;
}
