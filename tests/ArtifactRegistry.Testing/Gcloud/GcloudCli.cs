using System.Collections.Immutable;
using System.Diagnostics.Contracts;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Isolation;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Testing.Gcloud;

/// <summary>
/// The real <c>gcloud</c> with a throwaway <c>CLOUDSDK_CONFIG</c> and a home of its own (<see cref="Home"/>): no account, no
/// personal settings, no prompts (stdin is closed and <c>core/disable_prompts</c> is on, as with <c>--quiet</c>), no usage
/// reporting, update checks or GCE metadata probes. Point it at the sandbox with <see cref="WithArtifactRegistryEndpoint"/> and
/// authenticate with <see cref="WithAccessToken"/> (passed in the environment, never in argv).
/// </summary>
/// <remarks>
/// Immutable: <c>With*</c> returns a copy sharing the same config folder, so per-call settings are
/// <c>gcloud.WithAccessToken(other).RunAsync(…)</c>. Disposing any of them deletes both folders, so
/// <c>using var gcloud = GcloudCli.Create().WithProject("p");</c> cleans up; dispose once, when the test is done.
/// </remarks>
public sealed class GcloudCli : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    // Kept from the machine: they make gcloud work here rather than change what it does.
    private static readonly string[] MachineVariablesKept =
        ["CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE", "CLOUDSDK_PYTHON", "CLOUDSDK_PYTHON_SITEPACKAGES"];

    private readonly string _gcloudPath;
    private readonly TempDirectory _owned;
    private readonly string? _accessToken;
    private readonly ImmutableDictionary<string, string> _extraVariables;

    private GcloudCli(
        string gcloudPath, TempDirectory owned, string? project, Uri? endpoint, string? accessToken,
        ImmutableDictionary<string, string> extraVariables)
    {
        _gcloudPath = gcloudPath;
        _owned = owned;
        ConfigDirectory = owned.Combine("config");
        Home = PrivateHome.At(owned.Combine("home"));
        Project = project;
        ArtifactRegistryEndpoint = endpoint;
        _accessToken = accessToken;
        _extraVariables = extraVariables;
    }

    /// <summary>The <c>CLOUDSDK_CONFIG</c> folder.</summary>
    public string ConfigDirectory { get; }

    /// <summary>
    /// The <c>HOME</c> gcloud and the programs given <see cref="EnvironmentVariables"/> get: the GKE plugin keeps its token cache
    /// there, kubectl its discovery cache. Deleted with the config.
    /// </summary>
    public PrivateHome Home { get; }

    /// <summary><c>CLOUDSDK_CORE_PROJECT</c>, when set.</summary>
    public string? Project { get; }

    /// <summary><c>CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY</c>, when set.</summary>
    public Uri? ArtifactRegistryEndpoint { get; }

    public bool HasAccessToken => _accessToken is not null;

    /// <summary>
    /// What a child process needs to behave like this gcloud, e.g. for <c>docker-credential-gcloud</c> started by docker:
    /// <c>docker.WithEnvironment(gcloud.EnvironmentVariables)</c>. Holds the access token: never print it.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables
    {
        get
        {
            var variables = _extraVariables
                .SetItems(Home.EnvironmentVariables)
                .SetItem("CLOUDSDK_CONFIG", ConfigDirectory)
                // Also in the config file; as variables they win over a machine-wide (installation) setting too.
                .SetItem("CLOUDSDK_CORE_CHECK_GCE_METADATA", "false")
                .SetItem("CLOUDSDK_CORE_DISABLE_PROMPTS", "true")
                .SetItem("CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK", "true");
            if (Project is not null)
                variables = variables.SetItem("CLOUDSDK_CORE_PROJECT", Project);
            if (ArtifactRegistryEndpoint is not null)
                variables = variables.SetItem("CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY", ArtifactRegistryEndpoint.AbsoluteUri);
            if (_accessToken is not null)
                variables = variables.SetItem("CLOUDSDK_AUTH_ACCESS_TOKEN", _accessToken);
            return variables;
        }
    }

    /// <summary>Creates a fresh config folder; with <paramref name="allowUnrecognizedRegistry"/>, <c>configure-docker</c> accepts hosts such as <c>127.0.0.1:PORT</c>.</summary>
    public static GcloudCli Create(bool allowUnrecognizedRegistry = false)
    {
        var gcloud = Prerequisites.RequireProgram("gcloud");
        var owned = TempDirectory.Create("ard-gc-");
        // Written directly in gcloud's own format: four `gcloud config set` calls would cost about 2 s.
        owned.WriteFile("config/active_config", "default");
        owned.WriteFile("config/configurations/config_default", GcloudProperties.Render(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["core"] = new Dictionary<string, string>
            {
                ["disable_usage_reporting"] = "true",
                ["disable_prompts"] = "true",
                ["check_gce_metadata"] = "false",
                ["disable_file_logging"] = "true",
            },
            ["survey"] = new Dictionary<string, string> { ["disable_prompts"] = "true" },
            ["component_manager"] = new Dictionary<string, string> { ["disable_update_check"] = "true" },
            ["artifacts"] = allowUnrecognizedRegistry
                ? new Dictionary<string, string> { ["allow_unrecognized_registry"] = "true" }
                : new Dictionary<string, string>(),
        }));
        return new GcloudCli(gcloud, owned, null, null, null, ImmutableDictionary<string, string>.Empty);
    }

    [Pure]
    public GcloudCli WithProject(string? project) =>
        new(_gcloudPath, _owned, project, ArtifactRegistryEndpoint, _accessToken, _extraVariables);

    /// <summary>Sends Artifact Registry REST calls to <paramref name="endpoint"/> (e.g. the sandbox's <c>http://127.0.0.1:PORT/</c>).</summary>
    [Pure]
    public GcloudCli WithArtifactRegistryEndpoint(Uri? endpoint) =>
        new(_gcloudPath, _owned, Project, endpoint, _accessToken, _extraVariables);

    /// <summary>Makes gcloud (and docker-credential-gcloud) use this bearer token instead of an account.</summary>
    [Pure]
    public GcloudCli WithAccessToken(string? accessToken) =>
        new(_gcloudPath, _owned, Project, ArtifactRegistryEndpoint, accessToken, _extraVariables);

    [Pure]
    public GcloudCli WithEnvironment(string name, string value) =>
        new(_gcloudPath, _owned, Project, ArtifactRegistryEndpoint, _accessToken, _extraVariables.SetItem(name, value));

    public Task<CommandResult> RunAsync(params string[] arguments) => RunAsync(arguments, timeout: null);

    /// <summary>Runs <c>gcloud ARGUMENTS</c> with standard input closed.</summary>
    public async Task<CommandResult> RunAsync(IEnumerable<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        await EnsureEndpointListensAsync(cancellationToken);
        return await ChildProcess.RunAsync(
            _gcloudPath,
            arguments,
            ChildEnvironment.Inherited.Scrub("CLOUDSDK_", MachineVariablesKept).Set(EnvironmentVariables),
            standardInput: null,
            timeout ?? DefaultTimeout,
            cancellationToken);
    }

    public Task<JsonNode> JsonAsync(params string[] arguments) => JsonAsync(arguments, timeout: null);

    /// <summary>Runs gcloud with <c>--format=json</c>, requires success and parses what it printed.</summary>
    public async Task<JsonNode> JsonAsync(IEnumerable<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var argumentList = arguments.ToList();
        if (!argumentList.Any(argument => argument.StartsWith("--format", StringComparison.Ordinal)))
            argumentList.Add("--format=json");
        var result = (await RunAsync(argumentList, timeout, cancellationToken)).EnsureSuccess();
        return JsonNode.Parse(result.StandardOutput)
               ?? throw new InvalidOperationException($"`{result.CommandLine}` printed no JSON (stdout: '{result.StandardOutput}').");
    }

    /// <summary>
    /// <c>gcloud auth configure-docker HOSTS --quiet</c> writing into <paramref name="dockerConfigDirectory"/> (as <c>DOCKER_CONFIG</c>).
    /// A non-Google host such as <c>127.0.0.1:PORT</c> is only written when <see cref="Create"/> allowed unrecognized registries.
    /// </summary>
    public async Task<CommandResult> ConfigureDockerAsync(string dockerConfigDirectory, params string[] hosts)
    {
        if (hosts.Length == 0)
            throw new ArgumentException("Name the registry hosts: without any, gcloud configures only the gcr.io hosts.", nameof(hosts));
        return (await WithEnvironment("DOCKER_CONFIG", dockerConfigDirectory)
                .RunAsync("auth", "configure-docker", string.Join(',', hosts), "--quiet"))
            .EnsureSuccess();
    }

    /// <inheritdoc cref="ConfigureDockerAsync(string, string[])"/>
    public Task<CommandResult> ConfigureDockerAsync(DockerCli docker, params string[] hosts) =>
        ConfigureDockerAsync(docker.ConfigDirectory, hosts);

    public void Dispose() => _owned.Dispose();

    public override string ToString() =>
        $"gcloud (CLOUDSDK_CONFIG={ConfigDirectory}, project={Project ?? "-"}, endpoint={ArtifactRegistryEndpoint?.AbsoluteUri ?? "Google"}, token={(HasAccessToken ? "[REDACTED]" : "none")})";

    // gcloud retries a refused connection for about 30 s before failing; say what is wrong at once instead.
    private async Task EnsureEndpointListensAsync(CancellationToken cancellationToken)
    {
        if (ArtifactRegistryEndpoint is not { IsLoopback: true } endpoint)
            return;
        using var client = new TcpClient(endpoint.HostNameType == UriHostNameType.IPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(IPAddress.Parse(endpoint.IdnHost == "localhost" ? "127.0.0.1" : endpoint.IdnHost.Trim('[', ']')), endpoint.Port, timeout.Token);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"Nothing accepts connections at the Artifact Registry endpoint {endpoint.AbsoluteUri} ({exception.Message}); " +
                "gcloud would retry for about 30 s and then fail. Start the sandbox before running gcloud, and pass its address.",
                exception);
        }
    }
}
