using ArtifactRegistry.Sandbox.Clients;
using ArtifactRegistry.Sandbox.Cluster.Gke;
using ArtifactRegistry.Sandbox.Control;
using ArtifactRegistry.Sandbox.Iam;

namespace ArtifactRegistry.Sandbox;

public sealed partial class SandboxServer
{
    /// <summary>Lifetime of the token written to the env file: long enough for a working day at the sandbox.</summary>
    public static readonly TimeSpan EnvFileTokenLifetime = TimeSpan.FromHours(12);

    /// <summary>
    /// Writes the env file (0600): endpoints, the canonical-host map, the deployer's access token and key file, the control API
    /// and an admin's token for it, and one key file per seeded principal (written to <paramref name="keysDirectory"/>).
    /// </summary>
    public async Task WriteEnvFileAsync(string path, string keysDirectory)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(keysDirectory);
        else
            Directory.CreateDirectory(keysDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var principals = _services.Accounts.All.Select(a => a.Email).ToList();
        var keys = principals.ToDictionary(p => p, p => WriteServiceAccountKey(p, keysDirectory), StringComparer.OrdinalIgnoreCase);
        var deployer = keys.ContainsKey(SandboxPrincipals.Deployer) ? SandboxPrincipals.Deployer : principals.FirstOrDefault();
        var project = deployer is null ? "sample-project" : _services.Accounts.Find(deployer)!.ProjectId;

        var variables = new List<(string, string)>
        {
            ("ARTIFACT_REGISTRY_SANDBOX", ApiEndpoint.ToString()),
            ("ARTIFACT_REGISTRY_HOST_MAP", string.Join(',', RegistryHostMap.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}={h.Value}"))),
            ("ARTIFACT_REGISTRY_TOKENINFO_URL", new Uri(ApiEndpoint, "tokeninfo").ToString()),
            ("CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY", ApiEndpoint.ToString()),
            ("CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER", ApiEndpoint.ToString()),
            ("CLOUDSDK_API_ENDPOINT_OVERRIDES_IAMCREDENTIALS", ApiEndpoint.ToString()),
            ("ARTIFACT_REGISTRY_SANDBOX_CONTROL", ControlEndpoint.ToString()),
        };
        // A separate variable, not CLOUDSDK_AUTH_ACCESS_TOKEN: clients under test keep the deployer's token, only the test
        // driving the faults picks this one up.
        var controller = principals.OrderBy(p => p == SandboxPrincipals.Admin ? 0 : 1)
            .FirstOrDefault(p => ControlApi.MayControl(Caller.ForEmail(p), _services));
        if (controller is not null)
            variables.Add(("ARTIFACT_REGISTRY_SANDBOX_CONTROL_TOKEN", IssueAccessToken(controller, EnvFileTokenLifetime)));
        if (deployer is not null)
        {
            variables.Add(("CLOUDSDK_AUTH_ACCESS_TOKEN", IssueAccessToken(deployer, EnvFileTokenLifetime)));
            variables.Add(("GOOGLE_APPLICATION_CREDENTIALS", keys[deployer]));
        }

        variables.Add(("CLOUDSDK_CORE_PROJECT", project));
        if (Cluster is { } cluster)
        {
            var kubeconfig = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "kubeconfig");
            await WriteKubeconfigAsync(kubeconfig, deployer ?? SandboxPrincipals.Deployer, EnvFileTokenLifetime).ConfigureAwait(false);
            variables.Add(("CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER", ApiEndpoint.ToString()));
            variables.Add(("ARTIFACT_REGISTRY_SANDBOX_CLUSTER", ClusterEndpoint!.ToString()));
            variables.Add(("ARTIFACT_REGISTRY_SANDBOX_CLUSTER_NAME", cluster.Options.Name));
            variables.Add(("ARTIFACT_REGISTRY_SANDBOX_CLUSTER_PROJECT", cluster.Options.Project));
            variables.Add(("ARTIFACT_REGISTRY_SANDBOX_CLUSTER_LOCATION", cluster.Options.Location));
            variables.Add(("KUBECONFIG", kubeconfig));
        }

        // Principals of different projects may share a local part (deployer@a…, deployer@b…): then the project is added.
        var names = keys.Keys.GroupBy(email => EnvFile.KeyVariable(email)).ToDictionary(
            g => g.Key,
            g => g.Count(),
            StringComparer.Ordinal);
        variables.AddRange(keys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k =>
            (names[EnvFile.KeyVariable(k.Key)] == 1 ? EnvFile.KeyVariable(k.Key) : EnvFile.KeyVariable(k.Key, _services.Accounts.Find(k.Key)!.ProjectId), k.Value)));
        await SecretFile.WriteAsync(path, EnvFile.Render(variables)).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a kubeconfig (0600) for the cluster: cluster <c>gke_PROJECT_LOCATION_NAME</c> with the sandbox's CA, a user holding
    /// an access token of <paramref name="principalEmail"/> (the deployer's by default), and the contexts <c>sandbox</c> (current)
    /// and <c>my-cluster-context</c>. Returns its path. Needs <see cref="SandboxOptions.Cluster"/>.
    /// </summary>
    public async Task<string> WriteKubeconfigAsync(string path, string principalEmail = SandboxPrincipals.Deployer, TimeSpan? tokenLifetime = null)
    {
        var cluster = Cluster ?? throw new InvalidOperationException(
            "This sandbox runs no cluster, so there is nothing for a kubeconfig to point at: start it with SandboxOptions.WithCluster(SandboxClusterOptions.Default).");
        var o = cluster.Options;
        var full = Path.GetFullPath(path);
        var user = "sandbox-" + principalEmail[..principalEmail.IndexOf('@')];
        await SecretFile.WriteAsync(full, Kubeconfig.Render($"gke_{o.Project}_{o.Location}_{o.Name}", ClusterEndpoint!, cluster.Certificates.CaBase64, user,
            IssueAccessToken(principalEmail, tokenLifetime))).ConfigureAwait(false);
        return full;
    }

    /// <summary>
    /// Runs a sandbox in the foreground until <paramref name="cancellationToken"/> fires (Ctrl-C in <c>./build.sh Sandbox</c>):
    /// starts it, writes the env file (key files in a <c>keys</c> folder beside it), logs the endpoints, then waits.
    /// </summary>
    public static async Task RunUntilCancelledAsync(SandboxOptions? options, string envFilePath, CancellationToken cancellationToken, TextWriter? output = null)
    {
        output ??= Console.Out;
        await using var server = await StartAsync(options, cancellationToken).ConfigureAwait(false);
        var envFile = Path.GetFullPath(envFilePath);
        var keys = Path.Combine(Path.GetDirectoryName(envFile)!, "sandbox-keys");
        await server.WriteEnvFileAsync(envFile, keys).ConfigureAwait(false);

        await output.WriteLineAsync($"Artifact Registry sandbox is running (Ctrl-C stops it).").ConfigureAwait(false);
        await output.WriteLineAsync($"  REST v1, OAuth, tokeninfo : {server.ApiEndpoint}").ConfigureAwait(false);
        foreach (var (canonical, local) in server.RegistryHostMap.OrderBy(h => h.Key, StringComparer.Ordinal))
            await output.WriteLineAsync($"  {canonical,-26}: {local}").ConfigureAwait(false);
        if (server.Cluster is { } cluster)
        {
            await output.WriteLineAsync($"  Kubernetes API (cluster)  : {server.ClusterEndpoint} (GKE cluster {cluster.Options.Name}, project {cluster.Options.Project}, location {cluster.Options.Location})").ConfigureAwait(false);
            await output.WriteLineAsync($"  kubeconfig                : {Shown(Path.Combine(Path.GetDirectoryName(envFile)!, "kubeconfig"))} (contexts sandbox, my-cluster-context)").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"  control (faults, counters): {server.ControlEndpoint}").ConfigureAwait(false);
        await output.WriteLineAsync($"  faults                    : {server.Faults.Plan}").ConfigureAwait(false);
        await output.WriteLineAsync($"  state                     : {options?.StateDirectory ?? "in memory (lost on exit)"}").ConfigureAwait(false);
        await output.WriteLineAsync($"  principals                : {string.Join(", ", server._services.Accounts.All.Select(a => a.Email))}").ConfigureAwait(false);
        await output.WriteLineAsync($"Point gcloud, docker and the library at it with:  source {Shown(envFile)}").ConfigureAwait(false);
        await output.WriteLineAsync(
            "Change the faults while it runs with:  curl -X PUT -H \"Authorization: Bearer $ARTIFACT_REGISTRY_SANDBOX_CONTROL_TOKEN\" " +
            "-d '{\"throttleShare\":0.1,\"retryAfter\":\"2s\"}' \"${ARTIFACT_REGISTRY_SANDBOX_CONTROL}faults\"").ConfigureAwait(false);

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await output.WriteLineAsync("Artifact Registry sandbox stopped.").ConfigureAwait(false);
    }

    /// <summary>Relative to the working directory when inside it (<c>.nuke/temp/sandbox.env</c>), otherwise absolute.</summary>
    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
