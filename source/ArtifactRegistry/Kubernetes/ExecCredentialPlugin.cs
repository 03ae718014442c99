using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtifactRegistry.Processes;
using k8s.Authentication;
using k8s.KubeConfigModels;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Kubernetes;

/// <summary>
/// Bearer tokens from a kubeconfig's exec credential plugin (GKE's <c>gke-gcloud-auth-plugin</c>), run through the project's
/// process runner rather than KubernetesClient's: with this build's environment overrides, its stderr in the error, and the
/// token renewed 30 s before <c>status.expirationTimestamp</c>, so a rollout that outlives a token goes on.
/// </summary>
internal sealed class ExecCredentialPlugin(ExternalExecution exec, string contextName, string server, KubeconfigOptions options) : ITokenProvider
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PluginTimeout = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset? _expires;

    /// <summary>How many times the plugin ran: once per token.</summary>
    public int Runs { get; private set; }

    public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is null || (_expires is { } expires && options.Time.GetUtcNow() >= expires - RenewBefore))
                (_token, _expires) = await RunAsync(cancellationToken).ConfigureAwait(false);
            return new AuthenticationHeaderValue("Bearer", _token);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Token, DateTimeOffset? Expires)> RunAsync(CancellationToken cancellationToken)
    {
        var command = ProcessCommand.For(exec.Command)
            .WithArguments(exec.Arguments ?? [])
            .WithEnvironment(environment =>
            {
                environment.Set(options.EnvironmentOverrides);
                foreach (var variable in exec.EnvironmentVariables ?? [])
                    if (variable.TryGetValue("name", out var name) && variable.TryGetValue("value", out var value))
                        environment.Set(name, value);
                environment.Set("KUBERNETES_EXEC_INFO", ExecInfo());
            })
            .WithSecretOutput()
            .WithTimeout(PluginTimeout)
            .WithValidation(ProcessValidation.None)
            .WithLogger(options.Logger);

        ProcessResult result;
        try
        {
            result = await options.ProcessRunner.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (ProgramNotFoundException)
        {
            throw KubeconfigValidation.PluginNotFound(exec, contextName);
        }
        Runs++;
        if (!result.IsSuccess)
            throw Failed($"exited with code {result.ExitCode}{StandardError(result)}");

        try
        {
            var credential = JsonNode.Parse(result.StandardOutput);
            if (credential?["apiVersion"]?.GetValue<string>() is { } apiVersion && apiVersion != exec.ApiVersion)
                throw Failed($"answered with apiVersion {apiVersion}, but the kubeconfig asks for {exec.ApiVersion}");
            var status = credential?["status"];
            var token = status?["token"]?.GetValue<string>();
            if (string.IsNullOrEmpty(token))
                throw Failed("printed no status.token (client certificates from exec plugins are not supported)");
            var expires = status?["expirationTimestamp"]?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, out var parsed) ? parsed : (DateTimeOffset?)null;
            options.Logger.LogDebug("{Plugin} gave a token for context {Context}{Expiry}", exec.Command, contextName,
                expires is { } at ? $", valid until {at:u}" : "");
            return (token, expires);
        }
        catch (JsonException)
        {
            throw Failed("printed something that is not an ExecCredential (JSON)");
        }
    }

    /// <summary>What client-go hands the plugin: the API version, whether it may prompt, and the cluster when <c>provideClusterInfo</c> asks.</summary>
    private string ExecInfo()
    {
        var spec = new JsonObject { ["interactive"] = false };
        if (exec.ProvideClusterInfo)
            spec["cluster"] = new JsonObject { ["server"] = server };
        return new JsonObject { ["apiVersion"] = exec.ApiVersion, ["kind"] = "ExecCredential", ["spec"] = spec }.ToJsonString();
    }

    private static string StandardError(ProcessResult result)
    {
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(5).ToList();
        return lines.Count == 0 ? "" : $": {string.Join(" | ", lines)}";
    }

    private KubeconfigException Failed(string what) => new(KubeconfigProblem.ExecPluginFailed,
        $"The credential plugin of kube context {contextName} ({exec.Command}) {what}, so the cluster cannot be reached. " +
        (IsGkePlugin(exec)
            ? "gke-gcloud-auth-plugin uses gcloud's credentials: check them with `gcloud auth list`, log in again with `gcloud auth login` " +
              "(or activate a service account: `gcloud auth activate-service-account --key-file=KEY.json`), then retry."
            : $"Run `{exec.Command}` by hand to see why, and repair its login."));

    internal static bool IsGkePlugin(ExternalExecution exec) =>
        Path.GetFileNameWithoutExtension(exec.Command ?? "").Equals("gke-gcloud-auth-plugin", StringComparison.OrdinalIgnoreCase);
}
