using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArtifactRegistry.Registry;

/// <summary>An Artifact Registry repository (the fields this library reads or sets; others are kept as they came).</summary>
internal sealed record Repository
{
    /// <summary><c>projects/P/locations/L/repositories/R</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>DOCKER</c> for container images; gcloud refuses docker commands on anything else.</summary>
    public string? Format { get; init; }

    public string? Description { get; init; }

    /// <summary><c>STANDARD_REPOSITORY</c>, <c>REMOTE_REPOSITORY</c>, <c>VIRTUAL_REPOSITORY</c>.</summary>
    public string? Mode { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public DockerRepositoryConfig? DockerConfig { get; init; }

    /// <summary>Server-side cleanup rules by id (at most 10).</summary>
    public IReadOnlyDictionary<string, CleanupPolicy>? CleanupPolicies { get; init; }

    /// <summary>When true, the cleanup job only reports what it would delete.</summary>
    public bool? CleanupPolicyDryRun { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public DateTimeOffset? UpdateTime { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }

    public const string DockerFormat = "DOCKER";
}

internal sealed record DockerRepositoryConfig
{
    /// <summary>Tags can neither move nor be deleted.</summary>
    public bool ImmutableTags { get; init; }
}
