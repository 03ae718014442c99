using System.Text.Json;
using ArtifactRegistry.Sandbox.Clients;
using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.OAuth;

namespace ArtifactRegistry.Sandbox.Persistence;

/// <summary>
/// Keeps the sandbox's state across restarts: <c>state.json</c> (0600: it holds private keys and live tokens) and the blobs
/// beside it. A background loop saves shortly after changes; disposing saves a last time. Writes are atomic (rename).
/// </summary>
internal sealed class StateDirectory : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly SandboxServices _services;
    private readonly string _file;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _savedRevision = -1;
    private int _savedTokens = -1;
    private long _savedClusterRevision = -1;

    public StateDirectory(string directory, SandboxServices services)
    {
        Directory.CreateDirectory(directory);
        _file = Path.Combine(directory, "state.json");
        _services = services;
    }

    public int ApiPort { get; private set; }

    public IReadOnlyDictionary<string, int> RegistryPorts { get; private set; } = new Dictionary<string, int>();

    public int ClusterPort { get; private set; }

    /// <summary>The cluster's objects saved by the previous run, if any (the cluster then resumes instead of seeding).</summary>
    public ClusterRecord? RestoredCluster { get; private set; }

    /// <summary>Loads saved state; false when there is none (the seed applies then).</summary>
    public bool TryLoad()
    {
        if (!File.Exists(_file))
            return false;
        var snapshot = JsonSerializer.Deserialize<StateSnapshot>(File.ReadAllBytes(_file), Json)
                       ?? throw new InvalidDataException($"The sandbox state file {_file} is empty; delete it to start from the seed.");
        foreach (var account in snapshot.Accounts)
            _services.Accounts.Add(ServiceAccount.FromPem(account.Email, account.PrivateKeyPem, account.KeyId, account.UniqueId));
        foreach (var token in snapshot.Tokens)
        {
            var caller = token.Email is not null ? Caller.ForEmail(token.Email)
                : token.Principal is not null ? Caller.ForPrincipal(token.Principal, [WorkloadIdentity.PoolPrincipalSet])
                : Caller.Anonymous;
            (token.Registry ? _services.RegistryTokens : _services.AccessTokens).Restore(token.Token, new TokenGrant(caller, token.ExpiresAt, token.Scope));
        }

        _services.Store.ImportFrom(snapshot);
        ApiPort = snapshot.ApiPort;
        RegistryPorts = snapshot.RegistryPorts;
        ClusterPort = snapshot.ClusterPort;
        RestoredCluster = snapshot.Cluster;
        _savedRevision = _services.Store.Revision;
        return true;
    }

    public void Start(int apiPort, IReadOnlyDictionary<string, int> registryPorts, int clusterPort)
    {
        ApiPort = apiPort;
        RegistryPorts = registryPorts;
        ClusterPort = clusterPort;
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    public async Task SaveAsync()
    {
        var snapshot = new StateSnapshot { ApiPort = ApiPort, RegistryPorts = new Dictionary<string, int>(RegistryPorts), ClusterPort = ClusterPort };
        snapshot.Accounts = _services.Accounts.All.Select(a => new AccountRecord
        {
            Email = a.Email,
            KeyId = a.KeyId,
            UniqueId = a.UniqueId,
            PrivateKeyPem = a.Key.ExportPkcs8PrivateKeyPem(),
        }).ToList();
        var accessTokens = _services.AccessTokens.Live();
        var registryTokens = _services.RegistryTokens.Live();
        snapshot.Tokens = accessTokens.Select(t => Record(t.Key, t.Value, registry: false))
            .Concat(registryTokens.Select(t => Record(t.Key, t.Value, registry: true)))
            .ToList();
        var revision = _services.Store.Revision;
        var clusterRevision = _services.Cluster?.Store.Revision ?? -1;
        _services.Store.ExportTo(snapshot);
        if (_services.Cluster is { } cluster)
            snapshot.Cluster = new ClusterRecord
            {
                Revision = clusterRevision,
                Objects = cluster.Store.All().Select(o => new ClusterObjectRecord { Type = o.Type.Plural, Json = System.Text.Encoding.UTF8.GetString(o.Json) }).ToList(),
            };
        var json = JsonSerializer.Serialize(snapshot, Json);
        await SecretFile.WriteAsync(_file, json).ConfigureAwait(false);
        _savedRevision = revision;
        _savedClusterRevision = clusterRevision;
        _savedTokens = accessTokens.Count + registryTokens.Count;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        await SaveAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var tokens = _services.AccessTokens.Live().Count + _services.RegistryTokens.Live().Count;
            if (_services.Store.Revision != _savedRevision || tokens != _savedTokens || (_services.Cluster?.Store.Revision ?? -1) != _savedClusterRevision)
                await SaveAsync().ConfigureAwait(false);
        }
    }

    private static TokenRecord Record(string token, TokenGrant grant, bool registry) => new()
    {
        Token = token,
        Registry = registry,
        Email = grant.Caller.Email,
        Principal = grant.Caller.Principal,
        ExpiresAt = grant.ExpiresAt,
        Scope = grant.Scope,
    };
}
