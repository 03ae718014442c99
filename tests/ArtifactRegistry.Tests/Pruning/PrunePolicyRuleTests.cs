using ArtifactRegistry.Pruning;
using static ArtifactRegistry.Tests.Pruning.Versions;

namespace ArtifactRegistry.Tests.Pruning;

public sealed class PrunePolicyRuleTests
{
    [Test]
    public void By_default_every_untagged_version_is_deleted_and_nothing_tagged()
    {
        var plan = Plan(PrunePolicy.Default, Version("old", 40), Version("new", 0.01), Version("release", 400, tags: ["v1", "latest"]));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Of("old").Reason, Is.EqualTo(PruneReason.Untagged));
            Assert.That(plan.Of("new").Delete, Is.True, "no grace by default");
            Assert.That(plan.Of("release").Delete, Is.False);
            Assert.That(plan.Of("release").Reason, Is.EqualTo(PruneReason.Tagged));
            Assert.That(plan.Of("release").Explanation, Is.EqualTo("tagged v1, latest"));
            Assert.That(plan.Of("old").TagsToDelete, Is.Empty);
        });
    }

    [Test]
    public void A_version_younger_than_the_grace_period_is_kept()
    {
        var plan = Plan(new PrunePolicy { OlderThan = TimeSpan.FromDays(7) }, Version("week-old", 7.5), Version("day-old", 1));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Of("week-old").Delete, Is.True);
            Assert.That(plan.Of("day-old").Reason, Is.EqualTo(PruneReason.WithinGrace));
            Assert.That(plan.Of("day-old").Explanation, Is.EqualTo("1 d old, within the 7 d grace"));
        });
    }

    [Test]
    public void Keep_most_recent_spares_the_newest_candidates_not_the_oldest()
    {
        var plan = Plan(new PrunePolicy { KeepMostRecent = 2 }, Version("a", 30), Version("b", 10), Version("c", 20), Version("d", 40));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Deleted("a", "b", "c", "d"), Is.EqualTo(new[] { "a", "d" }));
            Assert.That(plan.Of("b").Explanation, Is.EqualTo("1st most recent of the 2 kept"));
            Assert.That(plan.Of("c").Explanation, Is.EqualTo("2nd most recent of the 2 kept"));
        });
    }

    [Test]
    public void Keep_most_recent_counts_per_package()
    {
        var plan = Plan(new PrunePolicy { KeepMostRecent = 1 },
            Version("app-1", 1), Version("app-2", 2), Version("worker-1", 5, Worker), Version("worker-2", 6, Worker));

        Assert.That(plan.Deleted("app-1", "app-2", "worker-1", "worker-2"), Is.EqualTo(new[] { "app-2", "worker-2" }));
    }

    [Test]
    public void Keep_most_recent_counts_only_what_the_grace_period_left_deletable()
    {
        var plan = Plan(new PrunePolicy { OlderThan = TimeSpan.FromDays(7), KeepMostRecent = 1 },
            Version("fresh", 1), Version("old", 10), Version("older", 20));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Of("fresh").Reason, Is.EqualTo(PruneReason.WithinGrace));
            Assert.That(plan.Of("old").Reason, Is.EqualTo(PruneReason.MostRecent));
            Assert.That(plan.Of("older").Delete, Is.True);
        });
    }

    [Test]
    public void Tagged_versions_are_deleted_only_when_a_tag_filter_selects_them_and_their_tags_go_first()
    {
        var policy = new PrunePolicy { DeleteTagged = new TagFilter(TagPattern.Parse("-rc"), TagFilterMatch.Any) };

        var plan = Plan(policy, Version("rc", 10, tags: ["v2-rc1", "candidate"]), Version("release", 10, tags: ["v2"]));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Of("rc").Reason, Is.EqualTo(PruneReason.TagsMatched));
            Assert.That(plan.Of("rc").TagsToDelete, Is.EqualTo(new[] { "v2-rc1", "candidate" }), "the registry deletes a version only once no tag points at it");
            Assert.That(plan.Of("rc").Explanation, Is.EqualTo("tagged v2-rc1, candidate; v2-rc1 matches the filter, 10 d old"));
            Assert.That(plan.Of("release").Reason, Is.EqualTo(PruneReason.TagsNotMatched));
        });
    }

    [Test]
    public void With_the_all_filter_every_tag_must_match()
    {
        var policy = new PrunePolicy { DeleteTagged = new TagFilter(TagPattern.Parse("^pr-"), TagFilterMatch.All) };

        var plan = Plan(policy, Version("both", 10, tags: ["pr-12", "pr-12-fix"]), Version("mixed", 10, tags: ["pr-13", "staging"]));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Of("both").Delete, Is.True);
            Assert.That(plan.Of("mixed").Reason, Is.EqualTo(PruneReason.TagsNotMatched));
            Assert.That(plan.Of("mixed").Explanation, Is.EqualTo("tags pr-13, staging do not match every tag matching '^pr-'"));
        });
    }

    [Test]
    public void Keep_tags_win_over_the_tag_filter_the_grace_period_and_keep_most_recent()
    {
        var policy = new PrunePolicy
        {
            DeleteTagged = new TagFilter(TagPattern.Parse(".*"), TagFilterMatch.Any),
            KeepTags = [TagPattern.Parse("^v\\d+\\.\\d+\\.\\d+$"), TagPattern.Parse("^(prod|staging)$")],
        };

        var plan = Plan(policy, Version("semver", 900, tags: ["build-7", "v1.2.3"]), Version("prod", 900, tags: ["prod"]), Version("build", 900, tags: ["build-8"]));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Of("semver").Reason, Is.EqualTo(PruneReason.KeepTag));
            Assert.That(plan.Of("semver").Explanation, Is.EqualTo(@"tag v1.2.3 matches keep pattern '^v\d+\.\d+\.\d+$'"));
            Assert.That(plan.Of("prod").Reason, Is.EqualTo(PruneReason.KeepTag));
            Assert.That(plan.Of("build").Delete, Is.True);
        });
    }

    [Test]
    public void A_tag_filter_can_exclude_by_negative_look_ahead_which_gcr_cleaners_go_regexes_could_not()
    {
        var policy = new PrunePolicy { DeleteTagged = new TagFilter(TagPattern.Parse("^(?!release-)"), TagFilterMatch.All) };

        var plan = Plan(policy, Version("feature", 10, tags: ["feature-x"]), Version("release", 10, tags: ["release-1"]));

        Assert.That(plan.Deleted("feature", "release"), Is.EqualTo(new[] { "feature" }));
    }

    [Test]
    public void A_digest_in_use_is_kept_whatever_its_age_or_tags()
    {
        var inUse = new HashSet<ArtifactRegistry.References.ImageDigest> { Digest("running"), Digest("running-tagged") };
        var policy = new PrunePolicy { DeleteTagged = new TagFilter(TagPattern.Parse(".*"), TagFilterMatch.Any) };

        var plan = Plan(policy, inUse, Version("running", 500), Version("running-tagged", 500, tags: ["old"]), Version("idle", 500));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Of("running").Reason, Is.EqualTo(PruneReason.InUse));
            Assert.That(plan.Of("running").Explanation, Is.EqualTo("in use by a cluster"));
            Assert.That(plan.Of("running-tagged").Reason, Is.EqualTo(PruneReason.InUse));
            Assert.That(plan.Of("idle").Delete, Is.True);
        });
    }

    [Test]
    public void A_digest_in_use_does_not_take_a_keep_most_recent_place()
    {
        var inUse = new HashSet<ArtifactRegistry.References.ImageDigest> { Digest("running") };

        var plan = Plan(new PrunePolicy { KeepMostRecent = 1 }, inUse, Version("running", 1), Version("a", 2), Version("b", 3));

        Assert.That(plan.Deleted("running", "a", "b"), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public void The_plan_counts_deletions_and_adds_up_their_sizes()
    {
        var plan = Plan(PrunePolicy.Default, Version("a", 1, size: 1500), Version("b", 2, size: 2500), Version("t", 3, tags: ["x"], size: 99999));

        Assert.Multiple(() =>
        {
            Assert.That(plan.DeleteCount, Is.EqualTo(2));
            Assert.That(plan.KeepCount, Is.EqualTo(1));
            Assert.That(plan.BytesToReclaim, Is.EqualTo(4000));
        });
    }

    [Test]
    public void Decisions_are_listed_per_package_newest_first()
    {
        var plan = Plan(PrunePolicy.Default, Version("w-old", 9, Worker), Version("a-old", 9), Version("a-new", 1), Version("w-new", 1, Worker));

        Assert.That(plan.Decisions.Select(d => d.Version.Digest), Is.EqualTo(new[] { "a-new", "a-old", "w-new", "w-old" }.Select(Digest)));
    }

    [Test]
    public void The_same_policy_on_the_same_versions_plans_the_same_thing()
    {
        ArtifactRegistry.Pruning.ImageVersion[] versions = [Version("a", 5), Version("b", 5), Version("c", 5), Version("d", 5)];
        var policy = new PrunePolicy { KeepMostRecent = 2 };

        var first = Plan(policy, versions).Deletions.Select(d => d.Version.Digest).ToList();
        var second = Plan(policy, versions.Reverse().ToArray()).Deletions.Select(d => d.Version.Digest).ToList();

        Assert.That(second, Is.EquivalentTo(first), "equal ages are broken by digest, not by listing order");
    }
}
