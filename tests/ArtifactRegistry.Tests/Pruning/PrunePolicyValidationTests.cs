using ArtifactRegistry.Pruning;

namespace ArtifactRegistry.Tests.Pruning;

public sealed class PrunePolicyValidationTests
{
    [Test]
    public void A_pattern_that_is_not_a_regular_expression_is_refused_naming_the_setting()
    {
        var exception = Assert.Throws<InvalidPrunePolicyException>(() => TagPattern.Parse("v(1", "KeepTags"));

        Assert.That(exception!.Message, Does.StartWith("KeepTags: 'v(1' is not a regular expression:"));
    }

    [Test]
    public void An_empty_pattern_is_refused_because_it_would_match_every_tag() =>
        Assert.That(() => TagPattern.Parse(""), Throws.TypeOf<InvalidPrunePolicyException>().With.Message.Contains("write .* if that is really meant"));

    [Test]
    public void Negative_grace_and_keep_counts_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new PrunePolicy { OlderThan = TimeSpan.FromDays(-1) }, Throws.TypeOf<InvalidPrunePolicyException>().With.Message.Contains("cannot be negative"));
            Assert.That(() => new PrunePolicy { KeepMostRecent = -2 }, Throws.TypeOf<InvalidPrunePolicyException>().With.Message.Contains("give 0 to keep none"));
        });
    }

    [Test]
    public void A_pattern_that_backtracks_for_ever_fails_instead_of_hanging_the_build()
    {
        var pattern = TagPattern.Parse("^(a+)+$");

        Assert.That(() => pattern.IsMatch(new string('a', 40) + "!"), Throws.TypeOf<InvalidPrunePolicyException>().With.Message.Contains("simplify it"));
    }

    [Test]
    public void Tag_filters_match_any_or_every_tag_and_never_an_untagged_version()
    {
        var any = new TagFilter(TagPattern.Parse("^pr-"), TagFilterMatch.Any);
        var all = any with { Match = TagFilterMatch.All };

        Assert.Multiple(() =>
        {
            Assert.That(any.Matching(["pr-1", "main"]), Is.EqualTo(new[] { "pr-1" }));
            Assert.That(all.Matching(["pr-1", "main"]), Is.Empty);
            Assert.That(all.Matching(["pr-1", "pr-2"]), Is.EqualTo(new[] { "pr-1", "pr-2" }));
            Assert.That(any.Matching([]), Is.Empty);
            Assert.That(all.Matching([]), Is.Empty);
        });
    }

    [Test]
    public void The_policy_describes_itself_for_the_log()
    {
        var policy = new PrunePolicy
        {
            OlderThan = TimeSpan.FromDays(7),
            KeepMostRecent = 3,
            DeleteTagged = new TagFilter(TagPattern.Parse("^pr-"), TagFilterMatch.All),
            KeepTags = [TagPattern.Parse("^v")],
        };

        Assert.Multiple(() =>
        {
            Assert.That(PrunePolicy.Default.ToString(), Is.EqualTo("untagged only"));
            Assert.That(policy.ToString(), Is.EqualTo("untagged and every tag matching '^pr-', older than 7 d, keeping the 3 most recent per package, never tags matching '^v'"));
        });
    }
}
