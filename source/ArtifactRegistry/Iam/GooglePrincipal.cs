namespace ArtifactRegistry.Iam;

/// <summary>Who Google sees behind a credential: what IAM grants must name.</summary>
public sealed record GooglePrincipal
{
    private GooglePrincipal(GooglePrincipalKind kind, string? email, string description)
    {
        Kind = kind;
        Email = email;
        Description = description;
    }

    /// <summary>What kind of principal it is.</summary>
    public GooglePrincipalKind Kind { get; }

    /// <summary>The account's email, when known.</summary>
    public string? Email { get; }

    /// <summary>A human description, e.g. <c>service account deployer@p.iam.gserviceaccount.com</c>.</summary>
    public string Description { get; }

    /// <summary>Whether the principal is known precisely enough to grant it a role.</summary>
    public bool IsKnown => IamMember is not null;

    /// <summary>The IAM member string (<c>serviceAccount:…</c>, <c>user:…</c>), or <see langword="null"/> when unknown.</summary>
    public string? IamMember => Kind switch
    {
        GooglePrincipalKind.ServiceAccount when Email is not null => $"serviceAccount:{Email}",
        GooglePrincipalKind.User when Email is not null => $"user:{Email}",
        GooglePrincipalKind.FederatedIdentity when Email is not null => Email,
        _ => null,
    };

    /// <summary>The service account with <paramref name="email"/>.</summary>
    public static GooglePrincipal ServiceAccount(string email) =>
        new(GooglePrincipalKind.ServiceAccount, email, $"service account {email}");

    /// <summary>The user account with <paramref name="email"/>.</summary>
    public static GooglePrincipal User(string email) =>
        new(GooglePrincipalKind.User, email, $"user {email}");

    /// <summary>A service account when <paramref name="email"/> is a <c>*.gserviceaccount.com</c> address, else a user: IAM members differ by kind.</summary>
    internal static GooglePrincipal FromEmail(string email) =>
        email.EndsWith(".gserviceaccount.com", StringComparison.OrdinalIgnoreCase) ? ServiceAccount(email) : User(email);

    /// <summary>A Workload Identity Federation identity used directly (no service account impersonation); <paramref name="principal"/> is the <c>principal://…</c> member when known.</summary>
    public static GooglePrincipal FederatedIdentity(string? principal, string audience) =>
        new(GooglePrincipalKind.FederatedIdentity, principal,
            principal is null ? $"a federated identity of workload identity pool {audience}" : $"federated identity {principal}");

    /// <summary>A principal not known yet (a bare access token, user credentials): tokeninfo can tell.</summary>
    public static GooglePrincipal Unknown(string description) => new(GooglePrincipalKind.Unknown, null, description);

    /// <summary>The <see cref="Description"/>.</summary>
    public override string ToString() => Description;
}

/// <summary>What kind of account a <see cref="GooglePrincipal"/> is.</summary>
public enum GooglePrincipalKind
{
    /// <summary>Not known (yet): a bare token or user credentials not looked up.</summary>
    Unknown,
    /// <summary>A service account (<c>serviceAccount:…</c> in IAM).</summary>
    ServiceAccount,
    /// <summary>A user account (<c>user:…</c> in IAM).</summary>
    User,
    /// <summary>A Workload Identity Federation identity used without impersonating a service account (<c>principal://…</c> in IAM).</summary>
    FederatedIdentity,
}
