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

    private static long _revision = Random.Shared.NextInt64(1L << 40, 1L << 50);

    public static string NextEtag() => Convert.ToBase64String(BitConverter.GetBytes(Interlocked.Increment(ref _revision)));

    /// <summary>
    /// The etag is a bytes field: gcloud decodes it and sends it back base64url-encoded, so both alphabets name the same etag.
    /// </summary>
    public bool HasEtag(string etag) => Canonical(etag) == Canonical(Etag);

    private static string Canonical(string etag) => etag.Replace('-', '+').Replace('_', '/').TrimEnd('=');

    public IamPolicy WithBindings(ImmutableArray<IamBinding> bindings, int version) =>
        new(version, bindings.Where(b => b.Members.Length > 0).ToImmutableArray(), bindings.IsEmpty ? EmptyEtag : NextEtag());

    /// <summary>Adds a member to a role (the seed and the sandbox's own helpers use this; clients use setIamPolicy).</summary>
    public IamPolicy AddMember(string role, string member)
    {
        var existing = Bindings.FirstOrDefault(b => b.Role == role && b.Condition is null);
        if (existing is not null && existing.Members.Contains(member))
            return this;
        var bindings = existing is null
            ? Bindings.Add(new IamBinding(role, [member]))
            : Bindings.Replace(existing, existing with { Members = existing.Members.Add(member) });
        return new IamPolicy(Version, bindings, NextEtag());
    }
}
