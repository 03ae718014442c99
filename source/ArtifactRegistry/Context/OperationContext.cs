using System.Collections.Immutable;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Processes;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArtifactRegistry.Context;

/// <summary>
/// What every operation of one build shares: the environment its programs and credential lookups see, the endpoints, the
/// registry host map, the credentials, the clock, the logger and the process runner. Create it once per build and hand it to
/// every operation (<c>EnsureDockerAuth.RunAsync(context, s =&gt; …)</c>); each operation's settings hold only its own inputs.
/// Immutable; change it NUKE-style with <see cref="OperationContextExtensions"/> (<c>OperationContext.Default.SetLogger(…)</c>).
/// </summary>
public sealed record OperationContext
{
    /// <summary>No overrides: this process's environment, the user's home, Google's endpoints, no logging.</summary>
    public static OperationContext Default { get; } = new();

    /// <summary>
    /// Variables set (or, with a null value, removed) for every program the operations start and for every credential and
    /// endpoint lookup (e.g. <c>DOCKER_HOST</c>, <c>CLOUDSDK_CONFIG</c>, <c>ARTIFACT_REGISTRY_HOST_MAP</c>); the rest is inherited.
    /// </summary>
    public ImmutableDictionary<string, string?> EnvironmentVariables { get; init; } = ImmutableDictionary<string, string?>.Empty;

    /// <summary>The home directory for <c>~/.docker</c> and <c>~/.config/gcloud</c>; null means the user's.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>The docker config directory every docker command uses and EnsureDockerAuth configures; null means <c>DOCKER_CONFIG</c>, else <c>~/.docker</c>.</summary>
    public string? DockerConfigDirectory { get; init; }

    /// <summary>Where docker really talks per canonical host; null means <c>ARTIFACT_REGISTRY_HOST_MAP</c>, else every host as named.</summary>
    public RegistryHostMap? HostMap { get; init; }

    /// <summary>The REST service root; null means <c>CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY</c>, else Google's.</summary>
    public Uri? ArtifactRegistryEndpoint { get; init; }

    /// <summary>Where a bare token's owner is looked up; null means <c>ARTIFACT_REGISTRY_TOKENINFO_URL</c>, else Google's tokeninfo.</summary>
    public Uri? TokenInfoEndpoint { get; init; }

    /// <summary>The credentials for REST calls and docker logins; null means Application Default Credentials, else gcloud's active account.</summary>
    public IAccessTokenSource? AccessTokenSource { get; init; }

    /// <summary>The HTTP handler for REST and token calls (proxies, tests); null means a new one per client.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>An explicit kubeconfig file (kubectl's <c>--kubeconfig</c>); null means <c>KUBECONFIG</c>'s files merged, else <c>~/.kube/config</c>.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The kube context Kubernetes operations use (kubectl's <c>--context</c>); null means the kubeconfig's <c>current-context</c>.</summary>
    public string? KubeContext { get; init; }

    /// <summary>
    /// Where the run's result is written as JSON (schema version 1, <c>result-schema-v1.json</c>), atomically after every operation,
    /// failed ones too; null writes none. Written by <c>Reporting.RunResults</c>, which a host wraps its operations in.
    /// </summary>
    public string? ResultFile { get; init; }

    /// <summary>Where the run's first image is written as a dotenv file (<c>IMAGE</c>, <c>IMAGE_DIGEST</c>, <c>IMAGE_TAGS</c>) for GitLab's <c>artifacts:reports:dotenv</c>; null writes none.</summary>
    public string? ResultDotenv { get; init; }

    /// <summary>The clock for token lifetimes, ages and timeouts; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where the operations log their steps; default: nowhere (<see cref="NullLogger.Instance"/>).</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Starts docker, git and the credential helpers.</summary>
    public IProcessRunner ProcessRunner { get; init; } = Processes.ProcessRunner.Default;

    /// <summary>A variable as the operations' programs will see it: the override, else this process's environment.</summary>
    public string? Variable(string name) =>
        EnvironmentVariables.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name);

    /// <summary>The home directory in effect.</summary>
    internal string Home => HomeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>The host map in effect.</summary>
    /// <exception cref="FormatException"><c>ARTIFACT_REGISTRY_HOST_MAP</c> is malformed.</exception>
    internal RegistryHostMap ResolveHostMap() => HostMap ?? RegistryHostMap.Parse(Variable(RegistryHostMap.EnvironmentVariable));

    /// <summary>The docker config file in effect.</summary>
    internal DockerConfigFile DockerConfigFile() =>
        DockerConfigDirectory is { } directory ? Docker.DockerConfigFile.InDirectory(directory) : Docker.DockerConfigFile.Locate(Variable, Home);

    /// <summary>Where Application Default Credentials and gcloud's account are looked for: this context's environment, home, process runner and logger.</summary>
    internal ApplicationDefaultCredentialsOptions ApplicationDefaultCredentialsOptions => new()
    {
        Environment = Variable,
        ChildEnvironment = EnvironmentVariables,
        HomeDirectory = Home,
        GcloudRunner = ProcessRunner,
        Logger = Logger,
        Time = Time,
    };

    /// <summary>A client of the REST service this context points at, authenticated with <paramref name="tokens"/>.</summary>
    /// <param name="retry">How requests are retried; null means <see cref="RetryPolicy.Default"/>.</param>
    internal ArtifactRegistryClient CreateRestClient(IAccessTokenSource tokens, RetryPolicy? retry = null) => new(tokens, new ArtifactRegistryClientOptions
    {
        Retry = retry ?? RetryPolicy.Default,
        ApiRoot = ArtifactRegistryEndpoint ?? Registry.ArtifactRegistryEndpoint.FromEnvironment(Variable),
        Handler = HttpHandler,
        Logger = Logger,
        Time = Time,
        ResourceManagerRoot = ResourceManagerEndpoint.FromEnvironment(Variable),
    });

    /// <summary>An HTTP client for one-off calls (tokeninfo) through this context's handler, which it leaves open.</summary>
    internal HttpClient CreateHttpClient() => HttpHandler is null ? new HttpClient() : new HttpClient(HttpHandler, disposeHandler: false);

    /// <summary>How the Kubernetes adapter finds the kubeconfig and runs exec credential plugins; <paramref name="kubeContext"/> replaces <see cref="KubeContext"/>.</summary>
    internal Kubernetes.KubeconfigOptions KubeconfigOptions(string? kubeContext = null) => new()
    {
        Path = Kubeconfig,
        Context = kubeContext ?? KubeContext,
        Environment = Variable,
        EnvironmentOverrides = EnvironmentVariables,
        HomeDirectory = Home,
        ProcessRunner = ProcessRunner,
        Time = Time,
        Logger = Logger,
    };

    /// <summary>The tokeninfo endpoint in effect.</summary>
    internal Uri ResolveTokenInfoEndpoint() => TokenInfoEndpoint ?? TokenInfo.EndpointFrom(Variable);
}
