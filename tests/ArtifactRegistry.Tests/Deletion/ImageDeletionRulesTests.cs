using ArtifactRegistry.Deletion;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Tests.Deletion;

public sealed class ImageDeletionRulesTests
{
    private const string Name = "asia-docker.pkg.dev/sample-project/sample/app";
    private static readonly ImageDigest Digest = ImageDigest.Compute("app"u8);

    [Test]
    public void A_bare_image_name_is_refused_because_gcloud_would_read_it_as_latest_or_the_whole_package()
    {
        var exception = Assert.Throws<ImageDeletionRefusedException>(() => ImageDeletionRules.RequireTagOrDigest(ImageReference.Parse(Name)));

        Assert.That(exception!.Message, Does.StartWith($"Refusing to delete {Name}: it names neither a tag nor a digest.")
            .And.Contain(":latest").And.Contain("every version of the package")
            .And.Contain($"{Name}@sha256:<digest> (digests: gcloud artifacts docker images list {Name} --include-tags)"));
    }

    [Test]
    public void A_tag_alone_on_its_digest_is_deleted_with_the_image()
    {
        var tags = ImageDeletionRules.TagsDeletedWith(ImageReference.Parse(Name + ":pr-7"), Digest, ["pr-7"], deleteTags: false);

        Assert.That(tags, Is.EqualTo(new[] { "pr-7" }));
    }

    [Test]
    public void Other_tags_on_the_digest_are_listed_and_need_an_explicit_DeleteTags()
    {
        var image = ImageReference.Parse(Name + ":pr-7");

        var exception = Assert.Throws<ImageDeletionRefusedException>(() => ImageDeletionRules.TagsDeletedWith(image, Digest, ["pr-7", "latest", "v1"], deleteTags: false));
        var allowed = ImageDeletionRules.TagsDeletedWith(image, Digest, ["pr-7", "latest", "v1"], deleteTags: true);

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Tags, Is.EqualTo(new[] { "latest", "v1" }));
            Assert.That(exception.Message, Does.StartWith($"Refusing to delete {Name}:pr-7: besides pr-7, tags latest, v1 also point at {Digest.ToShortString()} and would be deleted with it.")
                .And.Contain("Allow that explicitly (SetDeleteTags(true)), or delete just one tag with TagDelete (SetImage(\"" + Name + ":pr-7\"))."));
            Assert.That(allowed, Is.EqualTo(new[] { "latest", "pr-7", "v1" }));
        });
    }

    [Test]
    public void A_tagged_digest_is_refused_without_DeleteTags_as_gcloud_does()
    {
        var image = ImageReference.Parse($"{Name}@{Digest}");

        var exception = Assert.Throws<ImageDeletionRefusedException>(() => ImageDeletionRules.TagsDeletedWith(image, Digest, ["latest"], deleteTags: false));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Message, Does.Contain("tag latest also points at"));
            Assert.That(ImageDeletionRules.TagsDeletedWith(image, Digest, [], deleteTags: false), Is.Empty);
        });
    }

    [Test]
    public void A_tag_that_moved_away_from_the_digest_named_with_it_is_refused()
    {
        var image = ImageReference.Parse($"{Name}:latest@{Digest}");

        var exception = Assert.Throws<ImageDeletionRefusedException>(() => ImageDeletionRules.TagsDeletedWith(image, Digest, ["v1"], deleteTags: true));

        Assert.That(exception!.Message, Does.Contain("tag latest no longer points at").And.Contain("Nothing was deleted"));
    }
}
