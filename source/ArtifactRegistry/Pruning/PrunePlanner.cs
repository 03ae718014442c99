using System.Globalization;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Pruning;

/// <summary>
/// Decides, per package, which versions a <see cref="PrunePolicy"/> deletes. Pure: the versions, the digests in use and the
/// time come in, a <see cref="PrunePlan"/> goes out, so a dry run and a real run plan the same thing.
/// </summary>
public static class PrunePlanner
{
    /// <param name="versions">Every version of the packages in scope (any order; a package's versions must all be there, or its indexes lose children).</param>
    /// <param name="inUse">Digests a cluster runs or rolls out: never deleted, nor their platform manifests.</param>
    /// <param name="now">The time ages are measured from.</param>
    public static PrunePlan Plan(IEnumerable<ImageVersion> versions, PrunePolicy policy, IReadOnlySet<ImageDigest> inUse, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(inUse);
        var decisions = new List<PruneDecision>();
        foreach (var package in versions.GroupBy(v => v.Package).OrderBy(p => p.Key.ImagePath, StringComparer.Ordinal))
            decisions.AddRange(PlanPackage(package.ToList(), policy, inUse, now));
        return new PrunePlan(policy, now, decisions);
    }

    private static IEnumerable<PruneDecision> PlanPackage(IReadOnlyList<ImageVersion> versions, PrunePolicy policy, IReadOnlySet<ImageDigest> inUse, DateTimeOffset now)
    {
        var graph = new ManifestGraph(versions);
        var decided = new Dictionary<ImageDigest, PruneDecision>(versions.Count);

        // Images: versions no index of the package lists. Their own protections first, then the newest candidates are kept.
        var candidates = new List<(ImageVersion Version, TimeSpan Age, IReadOnlyList<string> MatchingTags)>();
        foreach (var version in versions.Where(v => !graph.HasParents(v.Digest)))
        {
            if (decided.ContainsKey(version.Digest))
                continue;
            var age = AgeOf(version, now);
            if (Protection(version, policy, inUse, age) is { } kept)
                decided[version.Digest] = kept;
            else if (age is null)
                decided[version.Digest] = Keep(version, null, PruneReason.AgeUnknown,
                    "age unknown: neither upload nor build time is a real date");
            else if (age < policy.OlderThan)
                decided[version.Digest] = Keep(version, age, PruneReason.WithinGrace,
                    $"{PruneFormat.Duration(age.Value)} old, within the {PruneFormat.Duration(policy.OlderThan)} grace");
            else
                candidates.Add((version, age.Value, policy.DeleteTagged?.Matching(version.Tags) ?? []));
        }

        var newestFirst = candidates.OrderBy(c => c.Age).ThenBy(c => c.Version.Digest.Hex, StringComparer.Ordinal).ToList();
        for (var i = 0; i < newestFirst.Count; i++)
        {
            var (version, age, tags) = newestFirst[i];
            decided[version.Digest] = i < policy.KeepMostRecent
                ? Keep(version, age, PruneReason.MostRecent,
                    $"{Ordinal(i + 1)} most recent of the {policy.KeepMostRecent.ToString(CultureInfo.InvariantCulture)} kept")
                : version.IsTagged
                    ? Delete(version, age, PruneReason.TagsMatched,
                        $"tagged {string.Join(", ", version.Tags)}; {string.Join(", ", tags)} {(tags.Count == 1 ? "matches" : "match")} the filter, {PruneFormat.Duration(age)} old", version.Tags, 0, null)
                    : Delete(version, age, PruneReason.Untagged, $"untagged, {PruneFormat.Duration(age)} old", [], 0, null);
        }

        // Platform manifests follow their indexes: kept while any index listing them stays, deleted a round after the last one.
        foreach (var version in graph.ParentsFirst().Where(v => graph.HasParents(v.Digest)))
        {
            var age = AgeOf(version, now);
            var parents = graph.ParentsOf(version.Digest).Select(p => decided[p.Digest]).ToList();
            if (parents.FirstOrDefault(p => !p.Delete) is { } keptIndex)
                decided[version.Digest] = Keep(version, age, PruneReason.ChildOfKeptIndex,
                    $"platform image of {keptIndex.Version.Digest.ToShortString()}, which stays", keptIndex.Version.Digest);
            else if (Protection(version, policy, inUse, age) is { } kept)
                decided[version.Digest] = kept;
            else
            {
                var last = parents.MaxBy(p => p.Round)!;
                decided[version.Digest] = Delete(version, age, PruneReason.ChildOfDeletedIndex,
                    $"platform image of {last.Version.Digest.ToShortString()}, deleted before it", version.Tags, last.Round + 1, last.Version.Digest);
            }
        }

        return versions.Select(v => v.Digest).Distinct().Select(d => decided[d])
            .OrderBy(d => d.Age is null ? 0 : 1).ThenBy(d => d.Age).ThenBy(d => d.Version.Digest.Hex, StringComparer.Ordinal);
    }

    /// <summary>What keeps a version whatever its age: in use, a keep tag, a tag the policy does not delete.</summary>
    private static PruneDecision? Protection(ImageVersion version, PrunePolicy policy, IReadOnlySet<ImageDigest> inUse, TimeSpan? age)
    {
        if (inUse.Contains(version.Digest))
            return Keep(version, age, PruneReason.InUse, "in use by a cluster");
        if (!version.IsTagged)
            return null;
        if (policy.KeptTag(version.Tags) is var (tag, pattern))
            return Keep(version, age, PruneReason.KeepTag, $"tag {tag} matches keep pattern '{pattern}'");
        if (policy.DeleteTagged is null)
            return Keep(version, age, PruneReason.Tagged, $"tagged {string.Join(", ", version.Tags)}");
        if (policy.DeleteTagged.Matching(version.Tags).Count == 0)
            return Keep(version, age, PruneReason.TagsNotMatched, $"tags {string.Join(", ", version.Tags)} do not match {policy.DeleteTagged}");
        return null;
    }

    private static TimeSpan? AgeOf(ImageVersion version, DateTimeOffset now) => Recency.Of(version) is { } made ? now - made : null;

    private static PruneDecision Keep(ImageVersion version, TimeSpan? age, PruneReason reason, string explanation, ImageDigest? index = null) =>
        new() { Version = version, Delete = false, Reason = reason, Explanation = explanation, Age = age, Index = index };

    private static PruneDecision Delete(ImageVersion version, TimeSpan? age, PruneReason reason, string explanation, IReadOnlyList<string> tags, int round, ImageDigest? index) =>
        new() { Version = version, Delete = true, Reason = reason, Explanation = explanation, Age = age, TagsToDelete = tags, Round = round, Index = index };

    private static string Ordinal(int n) => n.ToString(CultureInfo.InvariantCulture) + (n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });
}
