using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.OAuth;
using ArtifactRegistry.Sandbox.Rest;
using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Hosting;

/// <summary>Everything a request handler may need, created once per sandbox.</summary>
internal sealed class SandboxServices
{
    public SandboxServices(SandboxOptions options, IReadOnlyCollection<string> locations)
    {
        Options = options;
        Time = options.TimeProvider;
        Locations = locations;
        var blobs = new BlobStore(options.StateDirectory is null ? null : Path.Combine(options.StateDirectory, "blobs"));
        Store = new ArtifactStore(blobs, Time,
            options.FirstEtagRevision is { } first ? new EtagSequence(first) : EtagSequence.StartingAtRandom());
        Uploads = new UploadSessions(Time);
        Authorizer = new Authorizer(Store);
        AccessTokens = new AccessTokens(Time, "ya29.sandbox.");
        RegistryTokens = new AccessTokens(Time, "ar.sandbox.");
        Faults = new SandboxFaults(options.Faults);
    }

    public SandboxOptions Options { get; }

    public TimeProvider Time { get; }

    public IReadOnlyCollection<string> Locations { get; }

    public ArtifactStore Store { get; }

    public UploadSessions Uploads { get; }

    public Authorizer Authorizer { get; }

    public ServiceAccounts Accounts { get; } = new();

    /// <summary>OAuth access tokens (service accounts, STS federated tokens, impersonated tokens).</summary>
    public AccessTokens AccessTokens { get; }

    /// <summary>Bearer tokens of the Docker registry's token endpoint.</summary>
    public AccessTokens RegistryTokens { get; }

    public WorkloadIdentity Federation { get; } = new();

    public WorkforceIdentity Workforce { get; } = new();

    public MetadataServer Metadata { get; } = new();

    /// <summary>Permissions testIamPermissions answers 400 INVALID_ARGUMENT for, as Google does for one the resource does not accept.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> UntestablePermissions { get; } = new(StringComparer.Ordinal);

    public Operations Operations { get; } = new();

    public SandboxFaults Faults { get; }

    public SandboxCounters Counters { get; } = new();

    /// <summary>The cluster, when <see cref="SandboxOptions.Cluster"/> asks for one.</summary>
    public Cluster.SandboxCluster? Cluster { get; set; }

    /// <summary>Audiences a JWT-bearer assertion may name: the sandbox's token URI and Google's own.</summary>
    public IReadOnlyCollection<string> TokenAudiences { get; set; } = ["https://oauth2.googleapis.com/token"];
}
