using System.Collections.Immutable;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Pruning;

/// <summary>
/// One prune: what it looks at (<see cref="Images"/>, <see cref="Repositories"/>), the policy (untagged only by default), and
/// how fast it deletes. Immutable; change it with the fluent methods of <see cref="PruneUntaggedSettingsExtensions"/>.
/// </summary>
public sealed record PruneUntaggedSettings
{
    /// <summary>Images whose versions are pruned: <c>asia-docker.pkg.dev/my-project/my-repo/app</c> (no tag, no digest).</summary>
    public ImmutableArray<string> Images { get; init; } = [];

    /// <summary>Repositories every package of which is pruned, nested image paths included: <c>asia-docker.pkg.dev/my-project/my-repo</c>.</summary>
    public ImmutableArray<string> Repositories { get; init; } = [];

    /// <summary>Grace period: versions uploaded less than this long ago stay.</summary>
    public TimeSpan OlderThan { get; init; }

    /// <summary>Per package, how many of the newest versions the policy would delete stay anyway.</summary>
    public int KeepMostRecent { get; init; }

    /// <summary>Opt-in: a regular expression selecting tagged versions to delete too; null deletes nothing tagged.</summary>
    public string? DeleteTaggedMatching { get; init; }

    /// <summary>Whether any or every tag of a version must match <see cref="DeleteTaggedMatching"/>.</summary>
    public TagFilterMatch DeleteTaggedMatch { get; init; } = TagFilterMatch.Any;

    /// <summary>Regular expressions over tags: a version with a matching tag always stays.</summary>
    public ImmutableArray<string> KeepTags { get; init; } = [];

    /// <summary>Print the plan and change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Instead of deleting, write the equivalent Artifact Registry cleanup policies to each repository (with <see cref="DryRun"/>,
    /// in the registry's own dry-run mode); what they cannot express is stated in the result.
    /// </summary>
    public bool WriteCleanupPolicy { get; init; }

    /// <summary>Digests never deleted: what clusters run. Null means none are known (see <see cref="KubeContexts"/>).</summary>
    public IInUseDigests? InUseDigests { get; init; }

    /// <summary>
    /// Kube contexts whose running and rolling-out digests must stay: their pods, workloads and replica sets are read (with the
    /// operation context's kubeconfig) before anything is listed, unless <see cref="InUseDigests"/> is set, which then reads them.
    /// </summary>
    public ImmutableArray<string> KubeContexts { get; init; } = [];

    /// <summary>Whether <c>testIamPermissions</c> is asked first, so a missing role fails before the listing (on by default).</summary>
    public bool AccessPreflight { get; init; } = true;

    /// <summary>Delete requests per second per project and location (the quota is 300/s).</summary>
    public double DeletesPerSecond { get; init; } = DeleteRateLimits.DefaultPerSecond;

    /// <summary>At most this many delete requests in flight at once; default 64.</summary>
    public int MaxConcurrency { get; init; } = 64;

    /// <summary>Batch (default; see <see cref="VersionDeleterOptions.Mode"/> for the measurement) or one request per version.</summary>
    public VersionDeleteMode DeleteMode { get; init; } = VersionDeleteMode.Batch;

    /// <summary>The policy these settings describe.</summary>
    /// <exception cref="InvalidPrunePolicyException">A pattern or number cannot be used.</exception>
    public PrunePolicy ToPolicy() => new()
    {
        OlderThan = OlderThan,
        KeepMostRecent = KeepMostRecent,
        DeleteTagged = DeleteTaggedMatching is null ? null : new TagFilter(TagPattern.Parse(DeleteTaggedMatching, nameof(DeleteTaggedMatching)), DeleteTaggedMatch),
        KeepTags = [.. KeepTags.Select(pattern => TagPattern.Parse(pattern, nameof(KeepTags)))],
    };
}
