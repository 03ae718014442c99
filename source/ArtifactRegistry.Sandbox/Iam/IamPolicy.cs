using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace ArtifactRegistry.Sandbox.Iam;

/// <summary>One binding of a role to members (<c>serviceAccount:…</c>, <c>user:…</c>, <c>allUsers</c>, …), optionally conditional.</summary>
internal sealed record IamBinding(string Role, ImmutableArray<string> Members, JsonObject? Condition = null);

/// <summary>
/// An IAM policy as getIamPolicy returns it. Immutable: a change makes a new policy with a new etag, so a
/// read-modify-write with a stale etag can be refused (409 ABORTED) the way Google refuses it.
/// </summary>
internal sealed record IamPolicy(int Version, ImmutableArray<IamBinding> Bindings, string Etag)
{
    /// <summary>Google answers an empty policy with this etag.</summary>
    public const string EmptyEtag = "ACAB";

    public static IamPolicy Empty { get; } = new(1, [], EmptyEtag);

    /// <summary>
    /// True when <paramref name="etag"/> names this version of the policy. An etag is bytes sent as base64, and gcloud
    /// (apitools) sends it back re-encoded URL-safe (<c>-</c> and <c>_</c> for <c>+</c> and <c>/</c>), which Google accepts:
    /// the bytes are compared, not the text.
    /// </summary>
    public bool HasEtag(string etag) =>
        etag == Etag || EtagBytes(etag) is { } presented && EtagBytes(Etag) is { } current && presented.AsSpan().SequenceEqual(current);

    /// <param name="bindings">The new bindings.</param>
    /// <param name="version">The policy version the client wrote.</param>
    /// <param name="nextEtag">The etag of the changed policy (an empty policy keeps Google's empty etag).</param>
    public IamPolicy WithBindings(ImmutableArray<IamBinding> bindings, int version, string nextEtag) =>
        new(version, bindings.Where(b => b.Members.Length > 0).ToImmutableArray(), bindings.IsEmpty ? EmptyEtag : nextEtag);

    /// <summary>Adds a member to a role (the seed and the sandbox's own helpers use this; clients use setIamPolicy).</summary>
    public IamPolicy AddMember(string role, string member, string nextEtag)
    {
        var existing = Bindings.FirstOrDefault(b => b.Role == role && b.Condition is null);
        if (existing is not null && existing.Members.Contains(member))
            return this;
        var bindings = existing is null
            ? Bindings.Add(new IamBinding(role, [member]))
            : Bindings.Replace(existing, existing with { Members = existing.Members.Add(member) });
        return new IamPolicy(Version, bindings, nextEtag);
    }

    private static byte[]? EtagBytes(string etag)
    {
        var standard = etag.Replace('-', '+').Replace('_', '/');
        standard = standard.PadRight(standard.Length + (4 - standard.Length % 4) % 4, '=');
        var bytes = new byte[standard.Length];
        return Convert.TryFromBase64String(standard, bytes, out var written) ? bytes[..written] : null;
    }
}
