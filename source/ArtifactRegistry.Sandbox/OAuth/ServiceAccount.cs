using System.Security.Cryptography;

namespace ArtifactRegistry.Sandbox.OAuth;

/// <summary>
/// A principal the sandbox knows: its email, one RSA key (the sandbox verifies the JWTs signed with it, it never signs with it),
/// and the ids a Google key file carries. The key is made on first use: generating RSA keys is the slowest part of a start.
/// </summary>
internal sealed class ServiceAccount
{
    private readonly Lazy<RSA> _key;

    public ServiceAccount(string email, Func<RSA> key, string keyId, string uniqueId)
    {
        Email = email;
        _key = new Lazy<RSA>(key, LazyThreadSafetyMode.ExecutionAndPublication);
        KeyId = keyId;
        UniqueId = uniqueId;
    }

    public string Email { get; }

    public RSA Key => _key.Value;

    /// <summary>The key file's <c>private_key_id</c>; JWTs name it in their <c>kid</c> header.</summary>
    public string KeyId { get; }

    /// <summary>The numeric <c>client_id</c> Google gives every service account.</summary>
    public string UniqueId { get; }

    /// <summary>The project of a <c>NAME@PROJECT.iam.gserviceaccount.com</c> account, or the domain of any other email.</summary>
    public string ProjectId
    {
        get
        {
            var domain = Email[(Email.IndexOf('@') + 1)..];
            var suffix = domain.IndexOf(".iam.gserviceaccount.com", StringComparison.OrdinalIgnoreCase);
            return suffix > 0 ? domain[..suffix] : domain;
        }
    }

    public static ServiceAccount Create(string email) =>
        new(email, () => RSA.Create(2048), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)),
            string.Concat(Enumerable.Range(0, 21).Select(i => (char)('0' + (i == 0 ? 1 + RandomNumberGenerator.GetInt32(9) : RandomNumberGenerator.GetInt32(10))))));

    public static ServiceAccount FromPem(string email, string pkcs8Pem, string keyId, string uniqueId)
    {
        return new ServiceAccount(email, () =>
        {
            var key = RSA.Create();
            key.ImportFromPem(pkcs8Pem);
            return key;
        }, keyId, uniqueId);
    }
}
