using System.Collections.Concurrent;

namespace ArtifactRegistry.Sandbox.OAuth;

/// <summary>The principals of the sandbox, by email and by key id.</summary>
internal sealed class ServiceAccounts
{
    private readonly ConcurrentDictionary<string, ServiceAccount> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ServiceAccount> _byKeyId = new(StringComparer.Ordinal);

    public ServiceAccount GetOrCreate(string email)
    {
        if (_byEmail.TryGetValue(email, out var existing))
            return existing;
        var created = _byEmail.GetOrAdd(email, ServiceAccount.Create);
        _byKeyId[created.KeyId] = created;
        return created;
    }

    public void Add(ServiceAccount account)
    {
        _byEmail[account.Email] = account;
        _byKeyId[account.KeyId] = account;
    }

    public ServiceAccount? Find(string email) => _byEmail.GetValueOrDefault(email);

    public ServiceAccount? FindByKeyId(string keyId) => _byKeyId.GetValueOrDefault(keyId);

    public IReadOnlyCollection<ServiceAccount> All => _byEmail.Values.OrderBy(a => a.Email, StringComparer.Ordinal).ToList();
}
