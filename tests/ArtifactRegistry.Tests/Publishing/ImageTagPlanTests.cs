using ArtifactRegistry.Git;
using ArtifactRegistry.Publishing;

namespace ArtifactRegistry.Tests.Publishing;

public sealed class ImageTagPlanTests
{
    private static readonly GitWorkTreeState Clean = new(
        "0123456789abcdef0123456789abcdef01234567", "0123456", DateTimeOffset.UnixEpoch, IsDirty: false, TagsOnHead: [], RemoteUrl: null);

    [Test]
    public void By_default_an_image_is_tagged_with_the_short_commit_id_and_latest() =>
        Assert.That(ImageTagPlan.Create([], true, Clean).Tags, Is.EqualTo(new[] { "0123456", "latest" }));

    [Test]
    public void A_work_tree_with_changes_gives_the_commit_tag_a_dirty_suffix() =>
        Assert.That(ImageTagPlan.Create([], true, Clean with { IsDirty = true }).Tags, Is.EqualTo(new[] { "0123456-dirty", "latest" }));

    [Test]
    public void Explicit_tags_replace_the_default_ones() =>
        Assert.That(ImageTagPlan.Create(["v2", "stable"], true, Clean).Tags, Is.EqualTo(new[] { "v2", "stable" }));

    [Test]
    public void A_git_tag_on_HEAD_adds_itself_to_default_and_explicit_tags()
    {
        var tagged = Clean with { TagsOnHead = ["v1.4.0"] };

        Assert.That(ImageTagPlan.Create([], true, tagged).Tags, Is.EqualTo(new[] { "0123456", "latest", "v1.4.0" }));
        Assert.That(ImageTagPlan.Create(["stable"], true, tagged).Tags, Is.EqualTo(new[] { "stable", "v1.4.0" }));
        Assert.That(ImageTagPlan.Create([], false, tagged).Tags, Is.EqualTo(new[] { "0123456", "latest" }));
    }

    [Test]
    public void A_git_tag_on_a_dirty_work_tree_is_left_out_with_the_reason()
    {
        var plan = ImageTagPlan.Create([], true, Clean with { IsDirty = true, TagsOnHead = ["v1.4.0"] });

        Assert.That(plan.Tags, Does.Not.Contain("v1.4.0"));
        Assert.That(plan.Notes.Single(), Does.Contain("'v1.4.0'").And.Contain("the work tree has changes"));
    }

    [Test]
    public void A_git_tag_docker_cannot_name_is_left_out_with_the_reason()
    {
        var plan = ImageTagPlan.Create([], true, Clean with { TagsOnHead = ["release/1.0", "v1"] });

        Assert.That(plan.Tags, Is.EqualTo(new[] { "0123456", "latest", "v1" }));
        Assert.That(plan.Notes.Single(), Does.Contain("'release/1.0'").And.Contain("'/' is not allowed"));
    }

    [Test]
    public void The_same_tag_asked_for_twice_is_pushed_once() =>
        Assert.That(ImageTagPlan.Create(["v1", "v1"], true, Clean with { TagsOnHead = ["v1"] }).Tags, Is.EqualTo(new[] { "v1" }));

    [Test]
    public void Invalid_explicit_tags_are_all_named_before_anything_is_built()
    {
        var exception = Assert.Throws<InvalidImageTagException>(() => ImageTagPlan.Create(["ok", "-bad", "has space", "feature/x"], true, Clean));

        Assert.That(exception!.Tags, Is.EqualTo(new[] { "-bad", "has space", "feature/x" }));
        Assert.That(exception.Message, Does.StartWith("3 requested image tags are invalid, so nothing was built"));
        Assert.That(exception.Message, Does.Contain("'-bad' is not a valid tag: it starts with '-'"));
        Assert.That(exception.Message, Does.Contain("'feature/x' is not a valid tag: '/' is not allowed"));
    }

    [Test]
    public void Default_tags_without_git_fail_with_gits_own_explanation()
    {
        var problem = new GitUnavailableException("/src", "Cannot read git state of '/src': it is not inside a git repository.");

        var exception = Assert.Throws<GitUnavailableException>(() => ImageTagPlan.Create([], true, null, problem));

        Assert.That(exception, Is.SameAs(problem));
        Assert.That(ImageTagPlan.Create(["v1"], true, null, problem).Tags, Is.EqualTo(new[] { "v1" }), "explicit tags need no git");
    }
}
