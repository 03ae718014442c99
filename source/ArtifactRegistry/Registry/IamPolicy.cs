using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArtifactRegistry.Registry;

/// <summary>
/// An IAM policy. Fields this library does not use (audit configs, binding conditions) are carried through unchanged,
/// so a read-modify-write with <c>setIamPolicy</c> never drops them; the <see cref="Etag"/> makes the write refuse a stale read.
/// </summary>
internal sealed record IamPolicy
{
    public int? Version { get; init; }

    public string? Etag { get; init; }

    public IReadOnlyList<IamBinding> Bindings { get; init; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }

    /// <summary>Whether <paramref name="member"/> holds <paramref name="role"/> unconditionally.</summary>
    public bool Grants(string role, string member) =>
        Bindings.Any(binding => binding.Role == role && binding.Condition is null && binding.Members.Contains(member, StringComparer.OrdinalIgnoreCase));

    /// <summary>A copy where <paramref name="member"/> holds <paramref name="role"/> (added to the unconditional binding of that role).</summary>
    public IamPolicy WithMember(string role, string member)
    {
        if (Grants(role, member))
            return this;
        var bindings = Bindings.ToList();
        var index = bindings.FindIndex(binding => binding.Role == role && binding.Condition is null);
        if (index >= 0)
            bindings[index] = bindings[index] with { Members = [.. bindings[index].Members, member] };
        else
            bindings.Add(new IamBinding { Role = role, Members = [member] });
        return this with { Bindings = bindings };
    }
}

internal sealed record IamBinding
{
    public required string Role { get; init; }

    public IReadOnlyList<string> Members { get; init; } = [];

    public JsonElement? Condition { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }
}
