using System.Net;
using ArtifactRegistry.Sandbox.Clients;
using ArtifactRegistry.Sandbox.OAuth;
using ArtifactRegistry.Sandbox.Cluster;
using ArtifactRegistry.Sandbox.Cluster.Gke;
using ArtifactRegistry.Sandbox.Cluster.Store;
using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Persistence;
using ArtifactRegistry.Sandbox.Registry;
using ArtifactRegistry.Sandbox.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Sandbox;

/// <summary>
/// A local Google Artifact Registry on 127.0.0.1: REST v1 and OAuth on <see cref="ApiEndpoint"/>, and one Docker Registry v2
/// listener per location standing in for <c>LOCATION-docker.pkg.dev</c>, over one store, with IAM enforced on every call.
/// The real <c>docker</c>, <c>gcloud</c> and <c>skopeo</c> work against it.
/// </summary>
public sealed partial class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxServices _services;
    private readonly StateDirectory? _state;
    private readonly IReadOnlyDictionary<string, int> _registryPorts;
    private readonly IReadOnlyList<RegistryListener> _listeners;
    private int _disposed;

    private SandboxServer(WebApplication app, SandboxServices services, StateDirectory? state, int apiPort, IReadOnlyList<RegistryListener> listeners, IReadOnlyDictionary<string, int> registryPorts)
    {
        _app = app;
        _services = services;
        _state = state;
        _listeners = listeners;
        _registryPorts = registryPorts;
        ApiEndpoint = new Uri($"http://127.0.0.1:{apiPort}/");
        TokenUri = new Uri(ApiEndpoint, "token");
        ControlEndpoint = new Uri(ApiEndpoint, "sandbox/v1/");
        RegistryHostMap = registryPorts.ToDictionary(p => p.Key, p => $"127.0.0.1:{p.Value}", StringComparer.Ordinal);
    }

    /// <summary><c>http://127.0.0.1:PORT/</c>: REST v1, OAuth token, tokeninfo, STS; what <c>CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY</c> points at.</summary>
    public Uri ApiEndpoint { get; }

    /// <summary>
    /// <c>http://127.0.0.1:PORT/sandbox/v1/</c>: the control API of a sandbox run as a process (<c>faults</c>: GET, PUT, DELETE the
    /// fault plan as JSON; <c>counters</c>: GET the per-route counters), for an admin's access token. Never counted nor faulted.
    /// </summary>
    public Uri ControlEndpoint { get; }

    /// <summary>The OAuth token endpoint, the <c>token_uri</c> of the key files the sandbox writes.</summary>
    public Uri TokenUri { get; }

    /// <summary>
    /// Canonical registry hosts (<c>asia-docker.pkg.dev</c>) and the local listener standing in for each; a repository named
    /// after a gcr.io host (<c>gcr.io</c> in <c>us</c>, <c>asia.gcr.io</c> in <c>asia</c>, …) adds that host with a listener of its own.
    /// </summary>
    public IReadOnlyDictionary<string, string> RegistryHostMap { get; }

    /// <summary>
    /// <c>https://127.0.0.1:PORT/</c>, the cluster's Kubernetes API (self-signed CA: <see cref="ClusterCaCertificatePem"/>), when
    /// <see cref="SandboxOptions.Cluster"/> asked for a cluster; null otherwise.
    /// </summary>
    public Uri? ClusterEndpoint { get; private set; }

    /// <summary>The PEM of the CA that signed the cluster's server certificate (what a kubeconfig's <c>certificate-authority-data</c> holds).</summary>
    public string? ClusterCaCertificatePem => _services.Cluster?.Certificates.CaPem;

    internal SandboxCluster? Cluster => _services.Cluster;

    public SandboxFaults Faults => _services.Faults;

    public SandboxCounters Counters => _services.Counters;

    /// <summary>The locations with a registry listener.</summary>
    public IReadOnlyCollection<string> Locations => _listeners.Where(l => l.GcrRepository is null).Select(l => l.Location).ToList();

    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken ct = default)
    {
        options ??= new SandboxOptions();
        var seed = options.Cluster is { SeedWorkloads: true } seeded ? ClusterSeed.Extend(options.Seed, seeded) : options.Seed;
        var locations = options.Locations.Concat(seed.Repositories.Select(r => r.Location)).Distinct(StringComparer.Ordinal).ToList();
        var services = new SandboxServices(options, locations);
        StateDirectory? state = null;
        var restored = false;
        if (options.StateDirectory is not null)
        {
            state = new StateDirectory(options.StateDirectory, services);
            restored = state.TryLoad();
        }

        if (!restored)
            SeedApplier.Apply(seed, services);

        var listeners = locations.Select(RegistryListener.ForLocation)
            .Concat(RegistryListener.GcrHosts
                .Where(gcr => services.Store.AllRepositories().Any(r => r.Repository == gcr.Key && r.Location == gcr.Value))
                .Select(gcr => RegistryListener.ForGcrHost(gcr.Key)))
            .ToList();
        var dispatcher = new RequestDispatcher(services);
        if (options.Cluster is { } clusterOptions)
        {
            if (clusterOptions.SeedWorkloads)
                await ClusterSeed.WriteSampleImageAsync(services.Store, clusterOptions, ct).ConfigureAwait(false);
            var certificates = ClusterCertificates.LoadOrCreate(options.StateDirectory);
            services.Cluster = new SandboxCluster(clusterOptions, services, certificates, dispatcher.ListenerForHost);
        }

        var preferred = new ListenerPorts(state?.ApiPort ?? 0, state?.RegistryPorts ?? new Dictionary<string, int>(), state?.ClusterPort ?? 0);
        WebApplication app;
        ListenerPorts ports;
        try
        {
            (app, ports) = await ListenAsync(dispatcher, listeners, preferred, services.Cluster, ct).ConfigureAwait(false);
        }
        catch (IOException) when (preferred.Api != 0 || preferred.Registries.Count > 0 || preferred.Cluster != 0)
        {
            // The ports of the previous run are taken: any free ports will do (key files and env files are rewritten).
            (app, ports) = await ListenAsync(dispatcher, listeners, new ListenerPorts(0, new Dictionary<string, int>(), 0), services.Cluster, ct).ConfigureAwait(false);
        }

        var server = new SandboxServer(app, services, state, ports.Api, listeners, ports.Registries);
        services.TokenAudiences = [server.TokenUri.ToString(), "https://oauth2.googleapis.com/token", "https://www.googleapis.com/oauth2/v4/token", "https://accounts.google.com/o/oauth2/token"];
        if (services.Cluster is { } cluster)
        {
            cluster.Port = ports.Cluster;
            server.ClusterEndpoint = new Uri($"https://127.0.0.1:{ports.Cluster}/");
            try
            {
                if (state?.RestoredCluster is { } saved)
                    cluster.Store.Restore(saved.Objects.Select(o => (ResourceType.All.Single(t => t.Plural == o.Type), o.Json)), saved.Revision);
                await cluster.StartAsync(fresh: state?.RestoredCluster is null, ct).ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        state?.Start(ports.Api, ports.Registries, ports.Cluster);
        return server;
    }

    /// <summary><c>127.0.0.1:PORT</c>, the local stand-in for <c>LOCATION-docker.pkg.dev</c>.</summary>
    public string RegistryHost(string location) =>
        _registryPorts.TryGetValue(location + "-docker.pkg.dev", out var port)
            ? $"127.0.0.1:{port}"
            : throw new ArgumentException(
                $"The sandbox has no registry for location \"{location}\"; it serves {string.Join(", ", Locations)}. Add the location to SandboxOptions.Locations.",
                nameof(location));

    /// <summary>An access token for a principal (created with a key if unknown), as if it had been exchanged at the token endpoint.</summary>
    public string IssueAccessToken(string principalEmail, TimeSpan? lifetime = null)
    {
        _services.Accounts.GetOrCreate(principalEmail);
        return _services.AccessTokens.Issue(Caller.ForEmail(principalEmail), lifetime ?? _services.Options.AccessTokenLifetime);
    }

    /// <summary>Writes the principal's JSON key file (0600) whose <c>token_uri</c> is <see cref="TokenUri"/>; returns its path.</summary>
    public string WriteServiceAccountKey(string principalEmail, string directory)
    {
        var account = _services.Accounts.GetOrCreate(principalEmail);
        var path = Path.Combine(Path.GetFullPath(directory), principalEmail + ".json");
        SecretFile.Write(path, ServiceAccountKeyFile.Render(account, TokenUri));
        return path;
    }

    /// <summary>
    /// Writes an <c>impersonated_service_account</c> file (0600) as <c>gcloud auth application-default login
    /// --impersonate-service-account</c> does: <paramref name="sourceEmail"/>'s key (token_uri the sandbox's) asks the sandbox's
    /// <c>generateAccessToken</c> for tokens of <paramref name="targetEmail"/>, which needs <c>iam.serviceAccounts.getAccessToken</c>
    /// (<c>roles/iam.serviceAccountTokenCreator</c>) on the target's project. Returns its path.
    /// </summary>
    /// <summary>
    /// Writes an <c>external_account_authorized_user</c> file (0600): a Workforce Identity Federation sign-in of
    /// <paramref name="subject"/>, refreshed at the sandbox's STS; its tokens act as <see cref="WorkforceMemberOf"/>, which holds
    /// no role unless a binding names it. Returns its path.
    /// </summary>
    public string WriteExternalAccountAuthorizedUserFile(string subject, string directory)
    {
        var path = Path.Combine(Path.GetFullPath(directory), subject + ".workforce.json");
        SecretFile.Write(path, ExternalAccountAuthorizedUserFile.Render(ApiEndpoint, _services.Workforce.SignIn(subject)));
        return path;
    }

    /// <summary>The IAM member of a Workforce Identity Federation user signed in with <see cref="WriteExternalAccountAuthorizedUserFile"/>.</summary>
    public static string WorkforceMemberOf(string subject) => WorkforceIdentity.PrincipalOf(subject);

    public string WriteImpersonatedServiceAccountFile(string sourceEmail, string targetEmail, string directory)
    {
        var source = _services.Accounts.GetOrCreate(sourceEmail);
        _services.Accounts.GetOrCreate(targetEmail);
        var path = Path.Combine(Path.GetFullPath(directory), $"{sourceEmail}-as-{targetEmail}.json");
        SecretFile.Write(path, ImpersonatedServiceAccountFile.Render(ServiceAccountKeyFile.Render(source, TokenUri), targetEmail, ApiEndpoint));
        return path;
    }

    /// <summary>
    /// Writes a Workload Identity Federation <c>external_account</c> file (0600) whose subject token URL and STS <c>token_url</c>
    /// are the sandbox's, impersonating <paramref name="principalEmail"/>; returns its path.
    /// </summary>
    public string WriteExternalAccountFile(string principalEmail, string directory) =>
        WriteExternalAccountFile(principalEmail, directory, impersonate: true);

    /// <summary>
    /// As <see cref="WriteExternalAccountFile(string,string)"/>; with <paramref name="impersonate"/> false the file has no
    /// <c>service_account_impersonation_url</c> (direct federation): its tokens act as the federated principal
    /// <c>principal://…/subject/&lt;email&gt;</c>, which holds no role unless a binding names it.
    /// </summary>
    public string WriteExternalAccountFile(string principalEmail, string directory, bool impersonate)
    {
        _services.Accounts.GetOrCreate(principalEmail);
        var id = _services.Federation.Register(principalEmail, impersonate ? principalEmail : null);
        var suffix = impersonate ? ".external-account.json" : ".direct-federation.json";
        var path = Path.Combine(Path.GetFullPath(directory), principalEmail + suffix);
        SecretFile.Write(path, ExternalAccountFile.Render(ApiEndpoint, id, impersonate ? principalEmail : null));
        return path;
    }

    /// <summary>The access scopes a Compute Engine VM or GKE node gets by default: no cloud-platform among them.</summary>
    public static readonly IReadOnlyList<string> DefaultComputeScopes =
    [
        "https://www.googleapis.com/auth/devstorage.read_only", "https://www.googleapis.com/auth/logging.write",
        "https://www.googleapis.com/auth/monitoring.write", "https://www.googleapis.com/auth/servicecontrol",
        "https://www.googleapis.com/auth/service.management.readonly", "https://www.googleapis.com/auth/trace.append",
    ];

    /// <summary>
    /// Serves a metadata server for a machine running as <paramref name="email"/> with <paramref name="scopes"/> (point
    /// <c>GCE_METADATA_HOST</c> at <see cref="ApiEndpoint"/>'s host and port); its tokens carry exactly those scopes.
    /// </summary>
    public void SetMachineServiceAccount(string email, IReadOnlyList<string> scopes) => _services.Metadata.SetMachine(email, scopes);

    /// <summary>
    /// Makes a repository's testIamPermissions answer 400 INVALID_ARGUMENT whenever <paramref name="permission"/> is among those
    /// asked, as Google does for a permission the resource type does not accept (one withdrawn, renamed or not yet rolled out).
    /// </summary>
    public void RefuseToTestPermission(string permission) => _services.UntestablePermissions[permission] = true;

    /// <summary>Adds a member to a role on <c>projects/P</c> or a repository, as an administrator would with setIamPolicy.</summary>
    public void Grant(string resource, string role, string member) => SeedApplier.Grant(_services, resource, role, member);

    /// <summary>Creates a Docker repository (as repositories.create would).</summary>
    public void CreateRepository(string project, string location, string repository, bool immutableTags = false)
    {
        var now = _services.Store.Now;
        _services.Store.CreateRepository(new RepositoryName(project, location, repository),
            new RepositorySettings { ImmutableTags = immutableTags, CreateTime = now, UpdateTime = now });
    }

    /// <summary>The IAM member string of a principal (<c>serviceAccount:EMAIL</c> for service accounts).</summary>
    public static string MemberOf(string principalEmail) => Caller.MemberOf(principalEmail);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (_services.Cluster is { } cluster)
            await cluster.DisposeAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_state is not null)
            await _state.DisposeAsync().ConfigureAwait(false);
    }

    private sealed record ListenerPorts(int Api, IReadOnlyDictionary<string, int> Registries, int Cluster);

    private static async Task<(WebApplication App, ListenerPorts Ports)> ListenAsync(
        RequestDispatcher dispatcher, IReadOnlyList<RegistryListener> listeners, ListenerPorts preferred, SandboxCluster? cluster, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        ListenOptions? api = null;
        ListenOptions? clusterApi = null;
        var registries = new Dictionary<RegistryListener, ListenOptions>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Listen(IPAddress.Loopback, preferred.Api, o =>
            {
                o.Protocols = HttpProtocols.Http1;
                api = o;
            });
            foreach (var listener in listeners)
                kestrel.Listen(IPAddress.Loopback, preferred.Registries.GetValueOrDefault(listener.CanonicalHost), o =>
                {
                    o.Protocols = HttpProtocols.Http1;
                    registries[listener] = o;
                });
            if (cluster is not null)
                kestrel.Listen(IPAddress.Loopback, preferred.Cluster, o =>
                {
                    // kubectl speaks HTTP/2 over TLS (ALPN), Python's client HTTP/1.1: both, as the API server offers.
                    o.Protocols = HttpProtocols.Http1AndHttp2;
                    o.UseHttps(cluster.Certificates.Server);
                    clusterApi = o;
                });
        });
        var app = builder.Build();
        app.Run(dispatcher.HandleAsync);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var ports = registries.ToDictionary(r => r.Key.CanonicalHost, r => r.Value.IPEndPoint!.Port, StringComparer.Ordinal);
        dispatcher.SetRegistryPorts(registries.ToDictionary(r => r.Value.IPEndPoint!.Port, r => r.Key));
        var clusterPort = clusterApi?.IPEndPoint?.Port ?? 0;
        dispatcher.SetClusterPort(clusterApi is null ? -1 : clusterPort);
        return (app, new ListenerPorts(api!.IPEndPoint!.Port, ports, clusterPort));
    }
}
