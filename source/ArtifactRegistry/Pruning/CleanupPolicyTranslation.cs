using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Pruning;

/// <summary>
/// A prune policy as Artifact Registry cleanup policies, the server-side alternative: what they can express (untagged,
/// older than, tag prefixes, a most-recent count) and, in <see cref="NotExpressed"/>, what they cannot.
/// </summary>
public sealed partial class CleanupPolicyTranslation
{
    /// <summary>Ids of the policies this library writes start with this, so rewriting replaces them and leaves others alone.</summary>
    public const string IdPrefix = "arnuke-";

    private CleanupPolicyTranslation(IReadOnlyDictionary<string, CleanupPolicy> policies, IReadOnlyList<string> notExpressed, bool dryRun)
    {
        Policies = policies;
        NotExpressed = notExpressed;
        DryRun = dryRun;
    }

    /// <summary>The cleanup policies by id, each id starting with <see cref="IdPrefix"/>.</summary>
    public IReadOnlyDictionary<string, CleanupPolicy> Policies { get; }

    /// <summary>What the prune policy does that the cleanup policies do not, one sentence each.</summary>
    public IReadOnlyList<string> NotExpressed { get; }

    /// <summary>Written with <c>cleanupPolicyDryRun</c>: the registry's job only reports.</summary>
    public bool DryRun { get; }

    /// <param name="packages">The image paths in scope, or empty for whole repositories.</param>
    public static CleanupPolicyTranslation From(PrunePolicy policy, IReadOnlyList<string> packages, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var policies = new Dictionary<string, CleanupPolicy>(StringComparer.Ordinal);
        var notExpressed = new List<string>
        {
            "in-use protection: the registry's job cannot see which digests clusters run, so a digest only a cluster needs can be deleted",
        };
        IReadOnlyList<string>? packagePrefixes = packages.Count == 0 ? null : packages;
        if (packagePrefixes is not null)
            notExpressed.Add($"exact images: packageNamePrefixes {string.Join(", ", packages)} also match images whose names start with these");
        var olderThan = policy.OlderThan > TimeSpan.Zero
            ? ((long)Math.Ceiling(policy.OlderThan.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s"
            : null;

        policies[IdPrefix + "delete-untagged"] = new CleanupPolicy
        {
            Id = IdPrefix + "delete-untagged",
            Action = CleanupPolicy.DeleteAction,
            Condition = new CleanupPolicyCondition { TagState = "UNTAGGED", OlderThan = olderThan, PackageNamePrefixes = packagePrefixes },
        };

        if (policy.DeleteTagged is { } filter)
        {
            if (filter.Match == TagFilterMatch.Any && LiteralPrefix(filter.Pattern) is { } prefix)
                policies[IdPrefix + "delete-tagged"] = new CleanupPolicy
                {
                    Id = IdPrefix + "delete-tagged",
                    Action = CleanupPolicy.DeleteAction,
                    Condition = new CleanupPolicyCondition { TagState = "TAGGED", TagPrefixes = [prefix], OlderThan = olderThan, PackageNamePrefixes = packagePrefixes },
                };
            else
                notExpressed.Add($"deleting tagged versions by {filter}: cleanup policies match tag prefixes only (write the pattern as ^prefix with the any match), so no tagged version is deleted");
        }

        var keepPrefixes = new List<string>();
        foreach (var pattern in policy.KeepTags)
        {
            if (LiteralPrefix(pattern) is { } prefix)
                keepPrefixes.Add(prefix);
            else
                notExpressed.Add($"keep pattern '{pattern}': cleanup policies match tag prefixes only, so no KEEP policy protects these tags (harmless unless tagged versions are deleted)");
        }

        if (keepPrefixes.Count > 0)
            policies[IdPrefix + "keep-tags"] = new CleanupPolicy
            {
                Id = IdPrefix + "keep-tags",
                Action = CleanupPolicy.KeepAction,
                Condition = new CleanupPolicyCondition { TagState = "TAGGED", TagPrefixes = keepPrefixes, PackageNamePrefixes = packagePrefixes },
            };

        if (policy.KeepMostRecent > 0)
        {
            policies[IdPrefix + "keep-most-recent"] = new CleanupPolicy
            {
                Id = IdPrefix + "keep-most-recent",
                Action = CleanupPolicy.KeepAction,
                MostRecentVersions = new CleanupPolicyMostRecentVersions { KeepCount = policy.KeepMostRecent, PackageNamePrefixes = packagePrefixes },
            };
            notExpressed.Add($"keep most recent {policy.KeepMostRecent}: the registry counts every version, tagged ones too, so fewer untagged versions may stay than a local prune keeps");
        }

        return new CleanupPolicyTranslation(policies, notExpressed, dryRun);
    }

    /// <summary>The policies of <paramref name="existing"/> not written by this library, with these added (at most 10 in all).</summary>
    /// <exception cref="InvalidPrunePolicyException">The repository would hold more than 10 policies.</exception>
    public IReadOnlyDictionary<string, CleanupPolicy> MergeInto(RepositoryName repository, IReadOnlyDictionary<string, CleanupPolicy>? existing)
    {
        var merged = (existing ?? new Dictionary<string, CleanupPolicy>())
            .Where(pair => !pair.Key.StartsWith(IdPrefix, StringComparison.Ordinal))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        foreach (var (id, policy) in Policies)
            merged[id] = policy;
        if (merged.Count > 10)
            throw new InvalidPrunePolicyException(
                $"Repository {repository} would have {merged.Count} cleanup policies, but Artifact Registry allows 10.{Environment.NewLine}" +
                $"The library replaces only the policies it wrote, so the others must make room.{Environment.NewLine}" +
                "Remove some of the repository's own " +
                $"({string.Join(", ", merged.Keys.Where(k => !k.StartsWith(IdPrefix, StringComparison.Ordinal)))}) with " +
                $"gcloud artifacts repositories delete-cleanup-policies {repository.RepositoryId} --location={repository.LocationId} --project={repository.ProjectId} --policynames=NAME.");
        return merged;
    }

    /// <summary>The policies and what they do not express, for the build log.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Cleanup policies{(DryRun ? " (dry-run mode: the registry only reports)" : "")}:");
        foreach (var (id, policy) in Policies)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {id}: {Describe(policy)}");
        text.AppendLine("Not expressed by them:");
        foreach (var sentence in NotExpressed)
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {sentence}");
        return text.ToString().TrimEnd();
    }

    private static string Describe(CleanupPolicy policy)
    {
        if (policy.MostRecentVersions is { } recent)
            return $"KEEP the {recent.KeepCount} most recent versions{Packages(recent.PackageNamePrefixes)}";
        var c = policy.Condition!;
        var parts = new List<string> { c.TagState!.ToLowerInvariant() };
        if (c.TagPrefixes is { Count: > 0 } tags)
            parts.Add($"tags starting with {string.Join(" or ", tags)}");
        if (c.OlderThan is { } older)
            parts.Add($"older than {older}");
        return $"{policy.Action} {string.Join(", ", parts)}{Packages(c.PackageNamePrefixes)}";
    }

    private static string Packages(IReadOnlyList<string>? prefixes) => prefixes is { Count: > 0 } ? $" of {string.Join(", ", prefixes)}" : "";

    /// <summary>The literal a pattern <c>^literal</c> requires tags to start with, or null when the pattern is anything else.</summary>
    internal static string? LiteralPrefix(TagPattern pattern)
    {
        var match = LiteralPrefixShape().Match(pattern.Text);
        return match.Success ? Regex.Unescape(match.Groups["literal"].Value) : null;
    }

    [GeneratedRegex(@"^\^(?<literal>(?:[A-Za-z0-9_\-~:@]|\\\.)+)$")]
    private static partial Regex LiteralPrefixShape();
}
