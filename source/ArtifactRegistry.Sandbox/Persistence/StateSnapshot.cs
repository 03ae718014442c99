using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Persistence;

/// <summary>What the state directory keeps (blob bytes live beside it, one file per digest).</summary>
internal sealed class StateSnapshot
{
    public int FormatVersion { get; set; } = 1;

    public int ApiPort { get; set; }

    public Dictionary<string, int> RegistryPorts { get; set; } = [];

    public int ClusterPort { get; set; }

    public List<AccountRecord> Accounts { get; set; } = [];

    public List<TokenRecord> Tokens { get; set; } = [];

    public Dictionary<string, PolicyRecord> ProjectPolicies { get; set; } = [];

    public List<RepositoryRecord> Repositories { get; set; } = [];

    /// <summary>The cluster's objects, when the sandbox runs one.</summary>
    public ClusterRecord? Cluster { get; set; }
}

internal sealed class ClusterRecord
{
    public long Revision { get; set; }

    public List<ClusterObjectRecord> Objects { get; set; } = [];
}

/// <summary>One Kubernetes object as the API serves it (<see cref="Type"/> is its plural, e.g. <c>deployments</c>).</summary>
internal sealed class ClusterObjectRecord
{
    public string Type { get; set; } = "";

    public string Json { get; set; } = "";
}

internal sealed class AccountRecord
{
    public string Email { get; set; } = "";

    public string KeyId { get; set; } = "";

    public string UniqueId { get; set; } = "";

    public string PrivateKeyPem { get; set; } = "";
}

internal sealed class TokenRecord
{
    public string Token { get; set; } = "";

    public bool Registry { get; set; }

    public string? Email { get; set; }

    public string? Principal { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string Scope { get; set; } = "";
}

internal sealed class PolicyRecord
{
    public int Version { get; set; } = 1;

    public string Etag { get; set; } = "";

    public List<BindingRecord> Bindings { get; set; } = [];
}

internal sealed class BindingRecord
{
    public string Role { get; set; } = "";

    public List<string> Members { get; set; } = [];

    public string? Condition { get; set; }
}

internal sealed class RepositoryRecord
{
    public string Project { get; set; } = "";

    public string Location { get; set; } = "";

    public string Repository { get; set; } = "";

    public RepositorySettings? Settings { get; set; }

    public PolicyRecord Policy { get; set; } = new();

    public Dictionary<string, long> Blobs { get; set; } = [];

    public List<PackageRecord> Packages { get; set; } = [];
}

internal sealed class PackageRecord
{
    public string Image { get; set; } = "";

    public DateTimeOffset CreateTime { get; set; }

    public DateTimeOffset UpdateTime { get; set; }

    public List<VersionRecord> Versions { get; set; } = [];

    public Dictionary<string, string> Tags { get; set; } = [];
}

internal sealed class VersionRecord
{
    public string MediaType { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public DateTimeOffset UploadTime { get; set; }

    public DateTimeOffset UpdateTime { get; set; }

    public DateTimeOffset? BuildTime { get; set; }

    public long ImageSizeBytes { get; set; }
}
