using ArtifactRegistry.Deploying;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Pruning;

namespace ArtifactRegistry.Reporting;

/// <summary>The operations' results in the result file's shape.</summary>
internal static class ResultMapping
{
    public static ImageResult Image(BuildAndPushResult pushed) => new()
    {
        Name = pushed.Image.WithoutTag().WithoutDigest().ToString(),
        Reference = pushed.Image.ToString(),
        Digest = pushed.Digest.ToString(),
        ImageWithDigest = pushed.PinnedImage.ToString(),
        Tags = pushed.Tags,
        Platforms = pushed.Platforms.Count > 0 ? pushed.Platforms.Select(platform => platform.Platform).ToList() : null,
        PlatformDigests = pushed.Platforms.Count > 0 ? pushed.Platforms.ToDictionary(platform => platform.Platform, platform => platform.Digest.ToString()) : null,
        ConsoleUrl = ArtifactRegistryConsole.ImageUrl(pushed.PinnedImage),
    };

    public static WorkloadResult Workload(WorkloadRolloutResult workload) => new()
    {
        Workload = workload.Workload.ToString(),
        Namespace = workload.Namespace,
        Container = workload.Container,
        Outcome = JsonName(workload.Outcome.ToString()),
        Image = workload.Image.ToString(),
        NewDigest = workload.Image.Digest?.ToString(),
        PreviousImage = workload.PreviousImage,
        PreviousDigest = workload.PreviousDigest?.ToString(),
        Revision = workload.Revision,
        Failure = workload.Failure,
    };

    public static PruneCounts Prune(PruneUntaggedResult prune) => new()
    {
        DryRun = prune.DryRun,
        Planned = prune.Plan.DeleteCount,
        Kept = prune.Plan.KeepCount,
        Deleted = prune.Deleted,
        AlreadyGone = prune.AlreadyGone,
        Refused = prune.Refused,
        Failed = prune.Failed,
        NotAttempted = prune.NotAttempted,
        BytesPlanned = prune.Plan.BytesToReclaim,
        BytesReclaimed = prune.BytesReclaimed,
    };

    /// <summary>An enum member as the schema writes it: <c>RolledOut</c> is <c>rolledOut</c>.</summary>
    public static string JsonName(string member) => char.ToLowerInvariant(member[0]) + member[1..];
}
