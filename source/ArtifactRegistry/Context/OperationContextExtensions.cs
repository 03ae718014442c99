using System.Collections.Immutable;
using System.Diagnostics.Contracts;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArtifactRegistry.Context;

/// <summary>NUKE-style fluent changes of <see cref="OperationContext"/>; each returns a changed copy.</summary>
public static class OperationContextExtensions
{
    /// <summary>Sets (a null value: removes) a variable for the operations' programs and lookups.</summary>
    [Pure]
    public static OperationContext SetEnvironmentVariable(this OperationContext context, string name, string? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return context with { EnvironmentVariables = context.EnvironmentVariables.SetItem(name, value) };
    }

    /// <summary>Sets several variables of <see cref="OperationContext.EnvironmentVariables"/>, keeping the others.</summary>
    [Pure]
    public static OperationContext SetEnvironmentVariables(this OperationContext context, IEnumerable<KeyValuePair<string, string>> variables) =>
        context with { EnvironmentVariables = context.EnvironmentVariables.SetItems(variables.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value))) };

    /// <summary>Takes the variables of a shell-sourceable file (<c>export NAME='value'</c> lines), as <c>source FILE</c> would.</summary>
    /// <exception cref="Configuration.ConfigurationException">The file does not exist, or a line is not an assignment.</exception>
    [Pure]
    public static OperationContext SetEnvironmentFile(this OperationContext context, string path) =>
        context.SetEnvironmentVariables(Configuration.EnvironmentFile.Read(path));

    /// <summary>Removes every override of <see cref="OperationContext.EnvironmentVariables"/>: this process's environment applies unchanged.</summary>
    [Pure]
    public static OperationContext ClearEnvironmentVariables(this OperationContext context) =>
        context with { EnvironmentVariables = ImmutableDictionary<string, string?>.Empty };

    /// <summary>Sets <see cref="OperationContext.HomeDirectory"/> (default null: the user's).</summary>
    [Pure]
    public static OperationContext SetHomeDirectory(this OperationContext context, string? directory) => context with { HomeDirectory = directory };

    /// <summary>Sets <see cref="OperationContext.DockerConfigDirectory"/> (default null: <c>DOCKER_CONFIG</c>, else <c>~/.docker</c>).</summary>
    [Pure]
    public static OperationContext SetDockerConfigDirectory(this OperationContext context, string? directory) => context with { DockerConfigDirectory = directory };

    /// <summary>Sets <see cref="OperationContext.HostMap"/> (default null: <c>ARTIFACT_REGISTRY_HOST_MAP</c>, else every host as named).</summary>
    [Pure]
    public static OperationContext SetHostMap(this OperationContext context, RegistryHostMap? map) => context with { HostMap = map };

    /// <summary>Sets <see cref="OperationContext.ArtifactRegistryEndpoint"/> (default null: <c>CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY</c>, else Google's).</summary>
    [Pure]
    public static OperationContext SetArtifactRegistryEndpoint(this OperationContext context, Uri? endpoint) => context with { ArtifactRegistryEndpoint = endpoint };

    /// <summary>Sets <see cref="OperationContext.TokenInfoEndpoint"/> (default null: <c>ARTIFACT_REGISTRY_TOKENINFO_URL</c>, else Google's).</summary>
    [Pure]
    public static OperationContext SetTokenInfoEndpoint(this OperationContext context, Uri? endpoint) => context with { TokenInfoEndpoint = endpoint };

    /// <summary>Sets <see cref="OperationContext.AccessTokenSource"/> (default null: Application Default Credentials).</summary>
    [Pure]
    public static OperationContext SetAccessTokenSource(this OperationContext context, IAccessTokenSource? source) => context with { AccessTokenSource = source };

    /// <summary>Sets <see cref="OperationContext.HttpHandler"/> (default null: a new handler per client).</summary>
    [Pure]
    public static OperationContext SetHttpHandler(this OperationContext context, HttpMessageHandler? handler) => context with { HttpHandler = handler };

    /// <summary>The kubeconfig file Kubernetes operations read (kubectl's <c>--kubeconfig</c>); null: <c>KUBECONFIG</c>, else <c>~/.kube/config</c>.</summary>
    [Pure]
    public static OperationContext SetKubeconfig(this OperationContext context, string? path) => context with { Kubeconfig = path };

    /// <summary>The kube context Kubernetes operations use (kubectl's <c>--context</c>); null: the kubeconfig's current one.</summary>
    [Pure]
    public static OperationContext SetKubeContext(this OperationContext context, string? kubeContext) => context with { KubeContext = kubeContext };

    /// <summary>Sets <see cref="OperationContext.ResultFile"/>: where the run's JSON result is written (null: nowhere).</summary>
    [Pure]
    public static OperationContext SetResultFile(this OperationContext context, string? path) => context with { ResultFile = path };

    /// <summary>Sets <see cref="OperationContext.ResultDotenv"/>: where the run's dotenv result is written for GitLab (null: nowhere).</summary>
    [Pure]
    public static OperationContext SetResultDotenv(this OperationContext context, string? path) => context with { ResultDotenv = path };

    /// <summary>Sets <see cref="OperationContext.Time"/> (default <see cref="TimeProvider.System"/>).</summary>
    [Pure]
    public static OperationContext SetTime(this OperationContext context, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return context with { Time = time };
    }

    /// <summary>Sets <see cref="OperationContext.Logger"/>; null logs nowhere (the default).</summary>
    [Pure]
    public static OperationContext SetLogger(this OperationContext context, ILogger? logger) => context with { Logger = logger ?? NullLogger.Instance };

    /// <summary>Sets <see cref="OperationContext.ProcessRunner"/> (default <see cref="Processes.ProcessRunner.Default"/>).</summary>
    [Pure]
    public static OperationContext SetProcessRunner(this OperationContext context, IProcessRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return context with { ProcessRunner = runner };
    }
}
