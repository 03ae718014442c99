using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ArtifactRegistry.Sandbox.OAuth;

/// <summary>
/// The Workload Identity Federation side of the sandbox: a pool whose provider trusts subject tokens the sandbox itself
/// serves (standing in for a CI system's OIDC tokens), and which service accounts each subject may impersonate.
/// </summary>
internal sealed class WorkloadIdentity
{
    public const string PoolProject = "000000000000";
    public const string Pool = "sandbox-pool";
    public const string Provider = "sandbox-provider";
    public const string SubjectTokenType = "urn:ietf:params:oauth:token-type:jwt";

    private readonly ConcurrentDictionary<string, string> _subjectTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _impersonation = new(StringComparer.Ordinal);

    public static string Audience => $"//iam.googleapis.com/projects/{PoolProject}/locations/global/workloadIdentityPools/{Pool}/providers/{Provider}";

    public static string PrincipalOf(string subject) =>
        $"principal://iam.googleapis.com/projects/{PoolProject}/locations/global/workloadIdentityPools/{Pool}/subject/{subject}";

    public static string PoolPrincipalSet => $"principalSet://iam.googleapis.com/projects/{PoolProject}/locations/global/workloadIdentityPools/{Pool}/*";

    /// <summary>Registers a subject (and the account it may impersonate) and returns the id of the URL that serves its token.</summary>
    public string Register(string subject, string? impersonates)
    {
        var id = AccessTokens.Base64Url(RandomNumberGenerator.GetBytes(16));
        _subjectTokens[id] = subject;
        if (impersonates is not null)
            _impersonation.GetOrAdd(subject, _ => new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase))[impersonates] = true;
        return id;
    }

    /// <summary>The subject token served at the credential source URL (opaque; the STS exchange looks it up).</summary>
    public string? SubjectTokenFor(string id) => _subjectTokens.ContainsKey(id) ? "sandbox-oidc." + id : null;

    public string? SubjectOf(string subjectToken) =>
        subjectToken.StartsWith("sandbox-oidc.", StringComparison.Ordinal) && _subjectTokens.TryGetValue(subjectToken["sandbox-oidc.".Length..], out var subject)
            ? subject
            : null;

    public bool MayImpersonate(string principal, string email)
    {
        foreach (var (subject, accounts) in _impersonation)
            if (PrincipalOf(subject) == principal && accounts.ContainsKey(email))
                return true;
        return false;
    }
}
