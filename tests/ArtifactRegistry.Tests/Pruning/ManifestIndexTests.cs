using ArtifactRegistry.Pruning;
using ArtifactRegistry.References;
using static ArtifactRegistry.Tests.Pruning.Versions;

namespace ArtifactRegistry.Tests.Pruning;

/// <summary>Manifest lists and OCI indexes: their platform manifests follow them, and go after them.</summary>
public sealed class ManifestIndexTests
{
    [Test]
    public void An_untagged_index_is_deleted_in_a_round_before_its_platform_manifests()
    {
        var plan = Plan(PrunePolicy.Default, Version("amd64", 30), Version("index", 30, children: ["amd64", "arm64"]), Version("arm64", 30));

        Assert.Multiple(() =>
        {
            Assert.That(plan.DeletionRounds.Select(r => r.Count), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(plan.DeletionOrder("index", "amd64", "arm64")[0], Is.EqualTo("index"));
            Assert.That(plan.Of("amd64").Reason, Is.EqualTo(PruneReason.ChildOfDeletedIndex));
            Assert.That(plan.Of("amd64").Index, Is.EqualTo(Digest("index")));
            Assert.That(plan.Of("arm64").Explanation, Is.EqualTo($"platform image of sha256:{Hex("index")[..12]}, deleted before it"));
        });
    }

    [Test]
    public void The_untagged_platform_manifests_of_a_tagged_index_are_kept()
    {
        var plan = Plan(PrunePolicy.Default, Version("index", 30, tags: ["v1"], children: ["amd64", "arm64"]), Version("amd64", 30), Version("arm64", 30));

        Assert.Multiple(() =>
        {
            Assert.That(plan.DeleteCount, Is.Zero);
            Assert.That(plan.Of("amd64").Reason, Is.EqualTo(PruneReason.ChildOfKeptIndex));
            Assert.That(plan.Of("arm64").Explanation, Is.EqualTo($"platform image of sha256:{Hex("index")[..12]}, which stays"));
        });
    }

    [Test]
    public void A_platform_manifest_shared_with_an_index_that_stays_is_kept()
    {
        var plan = Plan(new PrunePolicy { KeepMostRecent = 1 },
            Version("new-index", 1, children: ["shared", "new-arm"]), Version("old-index", 9, children: ["shared", "old-arm"]),
            Version("shared", 9), Version("new-arm", 1), Version("old-arm", 9));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Deleted("new-index", "old-index", "shared", "new-arm", "old-arm"), Is.EqualTo(new[] { "old-index", "old-arm" }));
            Assert.That(plan.Of("shared").Reason, Is.EqualTo(PruneReason.ChildOfKeptIndex));
        });
    }

    [Test]
    public void An_index_in_use_keeps_its_platform_manifests()
    {
        var plan = Plan(PrunePolicy.Default, new HashSet<ImageDigest> { Digest("index") }, Version("index", 30, children: ["amd64"]), Version("amd64", 30));

        Assert.That(plan.Of("amd64").Reason, Is.EqualTo(PruneReason.ChildOfKeptIndex));
    }

    [Test]
    public void A_platform_manifest_in_use_stays_when_its_index_goes()
    {
        var plan = Plan(PrunePolicy.Default, new HashSet<ImageDigest> { Digest("amd64") }, Version("index", 30, children: ["amd64", "arm64"]), Version("amd64", 30), Version("arm64", 30));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Deleted("index", "amd64", "arm64"), Is.EqualTo(new[] { "index", "arm64" }));
            Assert.That(plan.Of("amd64").Reason, Is.EqualTo(PruneReason.InUse));
        });
    }

    [Test]
    public void A_tagged_platform_manifest_stays_when_its_index_goes()
    {
        var plan = Plan(PrunePolicy.Default, Version("index", 30, children: ["amd64"]), Version("amd64", 30, tags: ["amd64-only"]));

        Assert.That(plan.Of("amd64").Reason, Is.EqualTo(PruneReason.Tagged));
    }

    [Test]
    public void Nested_indexes_are_deleted_outermost_first()
    {
        var plan = Plan(PrunePolicy.Default, Version("leaf", 30), Version("inner", 30, children: ["leaf"]), Version("outer", 30, children: ["inner"]));

        Assert.Multiple(() =>
        {
            Assert.That(plan.DeletionOrder("outer", "inner", "leaf"), Is.EqualTo(new[] { "outer", "inner", "leaf" }));
            Assert.That(plan.DeletionRounds, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public void Platform_manifests_do_not_count_towards_keep_most_recent_and_ignore_the_grace_of_their_own_upload()
    {
        var plan = Plan(new PrunePolicy { KeepMostRecent = 1, OlderThan = TimeSpan.FromDays(7) },
            Version("new-index", 10, children: ["new-amd64"]), Version("new-amd64", 1),
            Version("old-index", 20, children: ["old-amd64"]), Version("old-amd64", 1));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Of("new-index").Reason, Is.EqualTo(PruneReason.MostRecent));
            Assert.That(plan.Deleted("new-index", "new-amd64", "old-index", "old-amd64"), Is.EqualTo(new[] { "old-index", "old-amd64" }));
        });
    }

    [Test]
    public void Children_an_index_lists_but_the_package_does_not_hold_are_ignored()
    {
        var plan = Plan(PrunePolicy.Default, Version("index", 30, children: ["gone"]));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Decisions, Has.Count.EqualTo(1));
            Assert.That(plan.Of("index").Delete, Is.True);
        });
    }

    [Test]
    public void An_index_in_another_package_does_not_protect_a_digest_here()
    {
        var plan = Plan(PrunePolicy.Default, Version("index", 30, Worker, tags: ["v1"], children: ["amd64"]), Version("amd64", 30));

        Assert.That(plan.Of("amd64").Reason, Is.EqualTo(PruneReason.Untagged));
    }
}
