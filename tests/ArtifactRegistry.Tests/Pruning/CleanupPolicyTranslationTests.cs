using ArtifactRegistry.Pruning;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Tests.Pruning;

public sealed class CleanupPolicyTranslationTests
{
    private static readonly RepositoryName Repository = RepositoryName.FromProjectLocationRepository("sample-project", "asia", "sample");

    [Test]
    public void Untagged_with_a_grace_period_becomes_a_delete_policy_and_in_use_protection_is_stated_as_missing()
    {
        var translation = CleanupPolicyTranslation.From(new PrunePolicy { OlderThan = TimeSpan.FromDays(7) }, [], dryRun: true);

        var policy = translation.Policies["arnuke-delete-untagged"];
        Assert.Multiple(() =>
        {
            Assert.That(policy.Action, Is.EqualTo("DELETE"));
            Assert.That(policy.Condition!.TagState, Is.EqualTo("UNTAGGED"));
            Assert.That(policy.Condition.OlderThan, Is.EqualTo("604800s"));
            Assert.That(translation.NotExpressed[0], Does.StartWith("in-use protection"));
            Assert.That(translation.ToString(), Does.Contain("dry-run mode").And.Contain("DELETE untagged, older than 604800s"));
        });
    }

    [Test]
    public void Only_caret_literal_patterns_become_tag_prefixes_and_the_rest_is_stated()
    {
        var policy = new PrunePolicy
        {
            DeleteTagged = new TagFilter(TagPattern.Parse("^pr-"), TagFilterMatch.Any),
            KeepTags = [TagPattern.Parse("^release\\.v"), TagPattern.Parse("stable$")],
        };

        var translation = CleanupPolicyTranslation.From(policy, ["team/app"], dryRun: false);

        Assert.Multiple(() =>
        {
            Assert.That(translation.Policies["arnuke-delete-tagged"].Condition!.TagPrefixes, Is.EqualTo(new[] { "pr-" }));
            Assert.That(translation.Policies["arnuke-keep-tags"].Condition!.TagPrefixes, Is.EqualTo(new[] { "release.v" }));
            Assert.That(translation.Policies["arnuke-delete-untagged"].Condition!.PackageNamePrefixes, Is.EqualTo(new[] { "team/app" }));
            Assert.That(translation.NotExpressed, Has.Some.StartsWith("keep pattern 'stable$'"));
            Assert.That(translation.NotExpressed, Has.Some.StartsWith("exact images"));
        });
    }

    [Test]
    public void An_all_match_tag_filter_cannot_be_expressed_and_nothing_tagged_is_deleted_by_the_policies()
    {
        var translation = CleanupPolicyTranslation.From(new PrunePolicy { DeleteTagged = new TagFilter(TagPattern.Parse("^pr-"), TagFilterMatch.All) }, [], false);

        Assert.Multiple(() =>
        {
            Assert.That(translation.Policies.Keys, Has.No.Member("arnuke-delete-tagged"));
            Assert.That(translation.NotExpressed, Has.Some.Contains("so no tagged version is deleted"));
        });
    }

    [Test]
    public void Writing_replaces_this_librarys_policies_keeps_the_others_and_refuses_more_than_ten()
    {
        var translation = CleanupPolicyTranslation.From(new PrunePolicy { KeepMostRecent = 3 }, [], false);
        var existing = new Dictionary<string, CleanupPolicy>
        {
            ["team-keep"] = new() { Id = "team-keep", Action = "KEEP" },
            ["arnuke-delete-tagged"] = new() { Id = "arnuke-delete-tagged", Action = "DELETE" },
        };
        var crowded = Enumerable.Range(0, 9).ToDictionary(i => $"team-{i}", i => new CleanupPolicy { Id = $"team-{i}", Action = "KEEP" });

        var merged = translation.MergeInto(Repository, existing);
        var refused = Assert.Throws<InvalidPrunePolicyException>(() => translation.MergeInto(Repository, crowded));

        Assert.Multiple(() =>
        {
            Assert.That(merged.Keys, Is.EquivalentTo(new[] { "team-keep", "arnuke-delete-untagged", "arnuke-keep-most-recent" }));
            Assert.That(refused!.Message.Split(Environment.NewLine)[0], Does.EndWith("but Artifact Registry allows 10."));
            Assert.That(refused.Message, Does.Contain("delete-cleanup-policies"));
        });
    }
}
