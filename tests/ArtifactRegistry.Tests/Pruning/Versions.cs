using System.Security.Cryptography;
using System.Text;
using ArtifactRegistry.Pruning;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Tests.Pruning;

/// <summary>Versions for planner tests: digests from names, ages in days before <see cref="Now"/>.</summary>
internal static class Versions
{
    public static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly RepositoryName Repository = RepositoryName.FromProjectLocationRepository("sample-project", "asia", "sample");

    public static readonly PackageName App = Repository.Package("app");

    public static readonly PackageName Worker = Repository.Package("team/worker");

    public static ImageDigest Digest(string name) => ImageDigest.Compute(Encoding.UTF8.GetBytes(name));

    public static ImageVersion Version(string name, double ageDays, PackageName? package = null, string[]? tags = null, string[]? children = null, long size = 1000) =>
        new(package ?? App, Digest(name))
        {
            Tags = tags ?? [],
            UploadTime = Now - TimeSpan.FromDays(ageDays),
            BuildTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero),
            SizeBytes = size,
            MediaType = children is null ? "application/vnd.oci.image.manifest.v1+json" : "application/vnd.oci.image.index.v1+json",
            Children = children?.Select(Digest).ToList() ?? [],
        };

    public static PrunePlan Plan(PrunePolicy policy, params ImageVersion[] versions) => PrunePlanner.Plan(versions, policy, new HashSet<ImageDigest>(), Now);

    public static PrunePlan Plan(PrunePolicy policy, IReadOnlySet<ImageDigest> inUse, params ImageVersion[] versions) => PrunePlanner.Plan(versions, policy, inUse, Now);

    public static PruneDecision Of(this PrunePlan plan, string name) => plan.Decisions.Single(d => d.Version.Digest == Digest(name));

    public static string[] Deleted(this PrunePlan plan, params string[] names) =>
        names.Where(n => plan.Of(n).Delete).ToArray();

    /// <summary>The names among <paramref name="names"/> the plan deletes, in deletion order.</summary>
    public static string[] DeletionOrder(this PrunePlan plan, params string[] names) =>
        plan.Deletions.Select(d => names.Single(n => Digest(n) == d.Version.Digest)).ToArray();

    public static string Hex(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
}
