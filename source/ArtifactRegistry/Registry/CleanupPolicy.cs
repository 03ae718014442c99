namespace ArtifactRegistry.Registry;

/// <summary>
/// One entry of <c>Repository.cleanupPolicies</c>: a server-side rule Artifact Registry applies about once a day.
/// KEEP wins over DELETE; all set fields of a condition must match.
/// </summary>
public sealed record CleanupPolicy
{
    public const string DeleteAction = "DELETE";
    public const string KeepAction = "KEEP";

    public string? Id { get; init; }

    /// <summary><see cref="DeleteAction"/> or <see cref="KeepAction"/>.</summary>
    public string? Action { get; init; }

    public CleanupPolicyCondition? Condition { get; init; }

    /// <summary>Only with KEEP.</summary>
    public CleanupPolicyMostRecentVersions? MostRecentVersions { get; init; }
}

public sealed record CleanupPolicyCondition
{
    /// <summary><c>TAGGED</c>, <c>UNTAGGED</c> or <c>ANY</c>.</summary>
    public string? TagState { get; init; }

    public IReadOnlyList<string>? TagPrefixes { get; init; }

    public IReadOnlyList<string>? VersionNamePrefixes { get; init; }

    public IReadOnlyList<string>? PackageNamePrefixes { get; init; }

    /// <summary>A protobuf duration: <c>604800s</c>.</summary>
    public string? OlderThan { get; init; }

    public string? NewerThan { get; init; }
}

public sealed record CleanupPolicyMostRecentVersions
{
    public IReadOnlyList<string>? PackageNamePrefixes { get; init; }

    public int? KeepCount { get; init; }
}
