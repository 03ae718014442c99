using System.Diagnostics.Contracts;

namespace ArtifactRegistry.Sandbox;

/// <summary>
/// The GKE-like cluster a <see cref="SandboxServer"/> runs when <see cref="SandboxOptions.Cluster"/> is set: a Kubernetes API
/// subset over HTTPS, a controller rolling deployments out and a simulated kubelet pulling images from the sandbox registry as
/// the node pool's service account. Immutable; use the <c>With*</c> methods.
/// </summary>
public sealed record SandboxClusterOptions
{
    public static SandboxClusterOptions Default { get; } = new();

    /// <summary>The GKE cluster name <c>gcloud container clusters get-credentials</c> asks for.</summary>
    public string Name { get; init; } = "sandbox";

    /// <summary>The cluster's project: IAM on this project authorizes Kubernetes API calls (roles/container.developer, …).</summary>
    public string Project { get; init; } = "cluster-project";

    public string Location { get; init; } = "asia-northeast1";

    /// <summary>
    /// The node pool's service account as the GKE API reports it: an email, or <c>default</c> for the Compute Engine default
    /// account of the cluster's project (<see cref="NodePullAccount"/>).
    /// </summary>
    public string NodeServiceAccount { get; init; } = SandboxPrincipals.GkeNodes;

    /// <summary>The principal every image pull is authorized as: <see cref="NodeServiceAccount"/>, with <c>default</c> resolved to <c>PROJECT_NUMBER-compute@developer.gserviceaccount.com</c>.</summary>
    public string NodePullAccount => NodeServiceAccount == "default"
        ? $"{Rest.ProjectApi.ProjectNumber(Project)}-compute@developer.gserviceaccount.com"
        : NodeServiceAccount;

    public SandboxClusterSpeed Speed { get; init; } = SandboxClusterSpeed.Fast;

    /// <summary>
    /// The cluster's nodes; null gives two linux/amd64 nodes in pool <c>default-pool</c>, named as GKE names them
    /// (<c>gke-CLUSTER-default-pool-HASH-0m2q</c>). Pods are spread over the nodes their <c>nodeSelector</c> allows.
    /// </summary>
    public IReadOnlyList<SandboxClusterNode>? Nodes { get; init; }

    /// <summary>
    /// Creates namespace <c>sample-namespace</c> and deployment <c>sample-api</c> (2 replicas, healthy from the start, image
    /// <see cref="SampleImage"/>, written by the sandbox into a repository of the cluster's project its nodes may read), plus the
    /// container roles of the seed principals. Off, the cluster starts with namespace <c>default</c> only.
    /// </summary>
    public bool SeedWorkloads { get; init; } = true;

    /// <summary>The seeded deployment's image, in the cluster project's own repository.</summary>
    public const string SampleImage = "asia-docker.pkg.dev/cluster-project/apps/sample-api:1.0.0";

    [Pure]
    public SandboxClusterOptions WithSpeed(SandboxClusterSpeed speed) => this with { Speed = speed };

    [Pure]
    public SandboxClusterOptions WithSeedWorkloads(bool seed) => this with { SeedWorkloads = seed };

    [Pure]
    public SandboxClusterOptions WithName(string name) => this with { Name = name };

    /// <summary>Runs the cluster on <paramref name="nodes"/> (at least one, names unique) instead of the two default amd64 nodes.</summary>
    [Pure]
    public SandboxClusterOptions WithNodes(params SandboxClusterNode[] nodes)
    {
        if (nodes.Length == 0)
            throw new ArgumentException("A sandbox cluster needs at least one node.", nameof(nodes));
        if (nodes.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count() != nodes.Length)
            throw new ArgumentException("The sandbox cluster's node names must be unique.", nameof(nodes));
        return this with { Nodes = [.. nodes] };
    }

    [Pure]
    public SandboxClusterOptions WithNodeServiceAccount(string email) => this with { NodeServiceAccount = email };
}

/// <summary>
/// How fast the simulated nodes act. <see cref="Fast"/> keeps tests short (a 2-replica rollout in well under a second);
/// <see cref="Realistic"/> is close to GKE's pace for demos (kubelet back-off from 10 s to 5 min).
/// </summary>
public sealed record SandboxClusterSpeed
{
    public static SandboxClusterSpeed Fast { get; } = new()
    {
        ImagePull = TimeSpan.FromMilliseconds(20),
        ContainerStart = TimeSpan.FromMilliseconds(20),
        Termination = TimeSpan.FromMilliseconds(20),
        BackOffInitial = TimeSpan.FromMilliseconds(200),
        BackOffMax = TimeSpan.FromSeconds(1),
        CrashAfter = TimeSpan.FromMilliseconds(100),
        BookmarkInterval = TimeSpan.FromSeconds(1),
    };

    public static SandboxClusterSpeed Realistic { get; } = new()
    {
        ImagePull = TimeSpan.FromSeconds(1.5),
        ContainerStart = TimeSpan.FromSeconds(1),
        Termination = TimeSpan.FromSeconds(2),
        BackOffInitial = TimeSpan.FromSeconds(10),
        BackOffMax = TimeSpan.FromMinutes(5),
        CrashAfter = TimeSpan.FromSeconds(2),
        BookmarkInterval = TimeSpan.FromMinutes(1),
    };

    /// <summary>How long an image pull takes (added before the registry is asked).</summary>
    public TimeSpan ImagePull { get; init; }

    /// <summary>From a pulled image to a running container.</summary>
    public TimeSpan ContainerStart { get; init; }

    /// <summary>From a pod's deletion to its disappearance (the grace period a real container would use).</summary>
    public TimeSpan Termination { get; init; }

    /// <summary>The first image-pull and crash back-off; each failure doubles it up to <see cref="BackOffMax"/>.</summary>
    public TimeSpan BackOffInitial { get; init; }

    public TimeSpan BackOffMax { get; init; }

    /// <summary>How long a container of an image labelled <c>sandbox.crash=true</c> runs before it exits.</summary>
    public TimeSpan CrashAfter { get; init; }

    /// <summary>How often a watch that allows bookmarks gets one.</summary>
    public TimeSpan BookmarkInterval { get; init; }

    /// <summary>
    /// The longest a watch lasts before the server ends it, whatever <c>timeoutSeconds</c> asked (the API server ends
    /// watches after its request timeout too); null leaves it to the client. Short, it makes clients resume often.
    /// </summary>
    public TimeSpan? WatchLimit { get; init; }

    [Pure]
    public SandboxClusterSpeed WithImagePull(TimeSpan delay) => this with { ImagePull = delay };

    [Pure]
    public SandboxClusterSpeed WithWatchLimit(TimeSpan? limit) => this with { WatchLimit = limit };
}
