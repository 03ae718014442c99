using System.Collections.Immutable;

namespace ArtifactRegistry.Sandbox.Iam;

/// <summary>
/// Who is making a request: a service account, a federated workload identity, or nobody.
/// <see cref="Members"/> lists every IAM member string that matches the caller, so a binding applies when it names any of them.
/// </summary>
internal sealed record Caller
{
    private Caller(string? email, string? principal, ImmutableArray<string> members)
    {
        Email = email;
        Principal = principal;
        Members = members;
    }

    public static Caller Anonymous { get; } = new(null, null, ["allUsers"]);

    /// <summary>The service account (or user) email, when the caller has one.</summary>
    public string? Email { get; }

    /// <summary>The federated principal (<c>principal://iam.googleapis.com/…</c>) of a direct Workload Identity Federation token.</summary>
    public string? Principal { get; }

    public ImmutableArray<string> Members { get; }

    public bool IsAnonymous => Email is null && Principal is null;

    public static Caller ForEmail(string email) =>
        new(email, null, [MemberOf(email), "allAuthenticatedUsers", "allUsers"]);

    public static Caller ForPrincipal(string principal, IEnumerable<string> principalSets) =>
        new(null, principal, [principal, .. principalSets, "allAuthenticatedUsers", "allUsers"]);

    /// <summary>The IAM member string for an email: service accounts and users are told apart by their domain.</summary>
    public static string MemberOf(string email) =>
        email.EndsWith(".gserviceaccount.com", StringComparison.OrdinalIgnoreCase) ? "serviceAccount:" + email : "user:" + email;

    public override string ToString() => Email ?? Principal ?? "anonymous";
}
