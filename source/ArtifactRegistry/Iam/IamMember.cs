using ArtifactRegistry.Hints;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ArtifactRegistry.Iam;

/// <summary>
/// A member of an IAM binding, as Google writes it: <c>serviceAccount:EMAIL</c>, <c>user:EMAIL</c>, <c>group:EMAIL</c>,
/// <c>domain:DOMAIN</c>, <c>principal://iam.googleapis.com/…</c>, <c>principalSet://iam.googleapis.com/…</c>, <c>allUsers</c>,
/// <c>allAuthenticatedUsers</c>. Parsing refuses what setIamPolicy would refuse, and says how to write it instead.
/// </summary>
internal sealed partial record IamMember
{
    private const string PrincipalPrefix = "principal://iam.googleapis.com/";
    private const string PrincipalSetPrefix = "principalSet://iam.googleapis.com/";

    private static readonly (string Prefix, IamMemberKind Kind)[] EmailKinds =
    [
        ("serviceAccount:", IamMemberKind.ServiceAccount),
        ("user:", IamMemberKind.User),
        ("group:", IamMemberKind.Group),
    ];

    private IamMember(IamMemberKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    public IamMemberKind Kind { get; }

    /// <summary>What follows the kind: the email, the domain, or the whole <c>principal://</c> URI.</summary>
    public string Value { get; }

    /// <summary>
    /// A Compute Engine default service account (<c>NUMBER-compute@developer.gserviceaccount.com</c>): every VM of its project
    /// without an account of its own runs as it, so a grant to it reaches them all.
    /// </summary>
    public bool IsComputeEngineDefault => Kind == IamMemberKind.ServiceAccount && ComputeEngineDefault().IsMatch(Value);

    /// <summary>Anyone on the internet, or anyone with a Google account: a grant makes the resource public.</summary>
    public bool IsPublic => Kind is IamMemberKind.AllUsers or IamMemberKind.AllAuthenticatedUsers;

    /// <summary>A binding to it may include more principals than itself (a group, a domain, a principal set).</summary>
    public bool IsCollective => Kind is IamMemberKind.Group or IamMemberKind.Domain or IamMemberKind.PrincipalSet;

    /// <exception cref="SettingsException">The text is not a member Google accepts; the message shows the forms and, where it can, the corrected text.</exception>
    public static IamMember Parse(string text) => Parse(text, null);

    /// <summary>Parses the member an operation was given in <paramref name="setting"/>, which a refusal names as the fix.</summary>
    internal static IamMember Parse(string? text, SettingName? setting) =>
        TryParse(text, out var member, out var problem) ? member
        : setting is null ? throw new SettingsException(problem)
        : throw new SettingsException($"{problem}{Environment.NewLine}Give the corrected member to {setting}.", setting);

    public static bool TryParse(string? text, [NotNullWhen(true)] out IamMember? member, [NotNullWhen(false)] out string? problem)
    {
        member = null;
        problem = Problem(text?.Trim() ?? "", out member);
        return member is not null;
    }

    /// <summary>The member as IAM policies write it.</summary>
    public override string ToString() => Kind switch
    {
        IamMemberKind.ServiceAccount => "serviceAccount:" + Value,
        IamMemberKind.User => "user:" + Value,
        IamMemberKind.Group => "group:" + Value,
        IamMemberKind.Domain => "domain:" + Value,
        IamMemberKind.AllUsers => "allUsers",
        IamMemberKind.AllAuthenticatedUsers => "allAuthenticatedUsers",
        _ => Value,
    };

    private static string? Problem(string text, out IamMember? member)
    {
        member = null;
        if (text.Length == 0)
            return "The IAM member is empty (an unset variable?). " + Forms;
        if (text.Any(char.IsWhiteSpace))
            return $"The IAM member '{text}' contains whitespace; a member is one word such as serviceAccount:NAME@PROJECT.iam.gserviceaccount.com.";
        if (text.Contains(','))
            return $"'{text}' is a list, not one IAM member: give the members one at a time.";
        switch (text)
        {
            case "allUsers":
                member = new IamMember(IamMemberKind.AllUsers, text);
                return null;
            case "allAuthenticatedUsers":
                member = new IamMember(IamMemberKind.AllAuthenticatedUsers, text);
                return null;
        }

        foreach (var (prefix, kind) in EmailKinds)
        {
            if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                continue;
            var email = text[prefix.Length..];
            if (!text.StartsWith(prefix, StringComparison.Ordinal))
                return $"The IAM member '{text}' must start with '{prefix}' exactly (IAM is case-sensitive here): {prefix}{email}.";
            if (!IsEmail(email))
                return $"The IAM member '{text}' needs an email address after '{prefix}', e.g. {prefix}{Example(kind)}.";
            member = new IamMember(kind, email);
            return null;
        }

        if (text.StartsWith("domain:", StringComparison.Ordinal))
        {
            var domain = text["domain:".Length..];
            if (!Domain().IsMatch(domain))
                return $"The IAM member '{text}' needs a domain name after 'domain:', e.g. domain:example.com.";
            member = new IamMember(IamMemberKind.Domain, domain);
            return null;
        }

        if (text.StartsWith("principal://", StringComparison.Ordinal))
        {
            if (!text.StartsWith(PrincipalPrefix, StringComparison.Ordinal) || !text.Contains("/subject/", StringComparison.Ordinal) || text.EndsWith('/'))
                return $"The IAM member '{text}' is not a principal identifier: a federated identity is written " +
                       "principal://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID/subject/SUBJECT.";
            member = new IamMember(IamMemberKind.Principal, text);
            return null;
        }

        if (text.StartsWith("principalSet://", StringComparison.Ordinal))
        {
            if (!text.StartsWith(PrincipalSetPrefix, StringComparison.Ordinal) || text.Length == PrincipalSetPrefix.Length || text.EndsWith('/'))
                return $"The IAM member '{text}' is not a principal set identifier: write e.g. " +
                       "principalSet://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID/attribute.repository/OWNER/REPO.";
            member = new IamMember(IamMemberKind.PrincipalSet, text);
            return null;
        }

        if (text.StartsWith("deleted:", StringComparison.Ordinal))
            return $"The IAM member '{text}' names a deleted principal: IAM keeps such entries, but nothing can be granted to them.";

        if (IsEmail(text))
        {
            var kind = text.EndsWith(".gserviceaccount.com", StringComparison.OrdinalIgnoreCase) ? "serviceAccount" : "user";
            return $"The IAM member '{text}' has no kind: IAM needs it written {kind}:{text}" +
                   (kind == "user" ? $" (or group:{text} for a Google group)." : ".");
        }

        return $"The IAM member '{text}' is not one IAM accepts. " + Forms;
    }

    private const string Forms =
        "Write serviceAccount:NAME@PROJECT.iam.gserviceaccount.com, user:EMAIL, group:EMAIL, domain:DOMAIN, or " +
        "principal://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID/subject/SUBJECT.";

    private static string Example(IamMemberKind kind) => kind == IamMemberKind.ServiceAccount ? "NAME@PROJECT.iam.gserviceaccount.com" : "name@example.com";

    private static bool IsEmail(string text) => Email().IsMatch(text);

    [GeneratedRegex(@"^[^@\s:/]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex Domain();

    [GeneratedRegex(@"^[0-9]+-compute@developer\.gserviceaccount\.com$", RegexOptions.IgnoreCase)]
    private static partial Regex ComputeEngineDefault();
}

internal enum IamMemberKind
{
    ServiceAccount,
    User,
    Group,
    Domain,
    Principal,
    PrincipalSet,
    AllUsers,
    AllAuthenticatedUsers,
}
