namespace ArtifactRegistry.Registry;

/// <summary>
/// One entry of <c>Repository.cleanupPolicies</c>: a server-side rule Artifact Registry applies about once a day.
/// KEEP wins over DELETE; all set fields of a condition must match.
/// </summary>
public sealed record CleanupPolicy
{
    /// <summary>The action that deletes what the policy matches.</summary>
    public const string DeleteAction = "DELETE";
    /// <summary>The action that keeps what the policy matches; it wins over <see cref="DeleteAction"/>.</summary>
    public const string KeepAction = "KEEP";

    /// <summary>The policy's id, unique in the repository.</summary>
    public string? Id { get; init; }

    /// <summary><see cref="DeleteAction"/> or <see cref="KeepAction"/>.</summary>
    public string? Action { get; init; }

    /// <summary>What a DELETE (or KEEP) policy matches; every set field must match.</summary>
    public CleanupPolicyCondition? Condition { get; init; }

    /// <summary>Only with KEEP.</summary>
    public CleanupPolicyMostRecentVersions? MostRecentVersions { get; init; }
}

/// <summary>What a cleanup policy matches.</summary>
public sealed record CleanupPolicyCondition
{
    /// <summary><c>TAGGED</c>, <c>UNTAGGED</c> or <c>ANY</c>.</summary>
    public string? TagState { get; init; }

    /// <summary>Tag prefixes, any of which a tagged version's tags must start with.</summary>
    public IReadOnlyList<string>? TagPrefixes { get; init; }

    /// <summary>Version name prefixes, e.g. <c>sha256:ab</c>.</summary>
    public IReadOnlyList<string>? VersionNamePrefixes { get; init; }

    /// <summary>Package (image) name prefixes.</summary>
    public IReadOnlyList<string>? PackageNamePrefixes { get; init; }

    /// <summary>A protobuf duration: <c>604800s</c>.</summary>
    public string? OlderThan { get; init; }

    /// <summary>A protobuf duration: only versions uploaded more recently match.</summary>
    public string? NewerThan { get; init; }
}

/// <summary>Which newest versions a KEEP policy keeps.</summary>
public sealed record CleanupPolicyMostRecentVersions
{
    /// <summary>Package (image) name prefixes the policy applies to.</summary>
    public IReadOnlyList<string>? PackageNamePrefixes { get; init; }

    /// <summary>How many of each package's newest versions are kept.</summary>
    public int? KeepCount { get; init; }
}
