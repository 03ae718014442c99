using ArtifactRegistry.Access;
using ArtifactRegistry.Context;
using ArtifactRegistry.Deletion;
using ArtifactRegistry.IntegrationTests.Pruning;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Tagging;

namespace ArtifactRegistry.IntegrationTests.Tagging;

/// <summary>TagAdd, TagList, TagDelete and DeleteImage against the sandbox.</summary>
public sealed class TagsAndDeleteTests
{
    private static readonly string App = PruneWorld.Canonical("app");
    private PruneWorld _world = null!;

    [SetUp]
    public async Task Start() => _world = await PruneWorld.StartAsync();

    [TearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [Test]
    public async Task Adding_tags_creates_missing_ones_moves_others_and_leaves_those_in_place_alone()
    {
        var old = await _world.PushAsync("app", "old", 5, tags: ["stable"]);
        var build = await _world.PushAsync("app", "build", 1, tags: ["3f2c1ab", "latest"]);

        var first = await TagAdd.RunAsync(_world.Context(), s => s.SetSource(App + ":3f2c1ab").SetTags("stable", "latest", "v2"));
        var again = await TagAdd.RunAsync(_world.Context(), s => s.SetSource($"{App}@{build}").SetTags("stable", "latest", "v2"));
        var state = await _world.StateAsync("app");

        Assert.Multiple(() =>
        {
            Assert.That(first.Created, Is.EqualTo(new[] { "v2" }));
            Assert.That(first.Moved, Is.EqualTo(new[] { ("stable", old) }));
            Assert.That(first.Unchanged, Is.EqualTo(new[] { "latest" }));
            Assert.That(again.Created.Concat(again.Moved.Select(m => m.Tag)), Is.Empty, "a second run changes nothing");
            Assert.That(state[build], Is.EqualTo(new[] { "3f2c1ab", "latest", "stable", "v2" }));
            Assert.That(state[old], Is.Empty);
        });
    }

    [Test]
    public async Task A_writer_deleting_a_tag_or_an_image_is_told_who_lacks_which_permission_the_role_and_the_grant_and_nothing_is_deleted()
    {
        var build = await _world.PushAsync("app", "build", 1, tags: ["pr-7", "latest"]);
        var deployer = _world.Context(SandboxPrincipals.Deployer);

        var tag = (await Assert.ThrowsAsync<ArtifactRegistryAccessDeniedException>(() => TagDelete.RunAsync(deployer, s => s.SetImage(App + ":pr-7"))))!;
        var image = (await Assert.ThrowsAsync<ArtifactRegistryAccessDeniedException>(() =>
            DeleteImage.RunAsync(deployer, s => s.SetImage(App + ":pr-7").SetDeleteTags(true))))!;
        var state = await _world.StateAsync("app");

        var grant = "gcloud artifacts repositories add-iam-policy-binding sample --location=asia --project=sample-project " +
                    $"--member=serviceAccount:{SandboxPrincipals.Deployer} --role=roles/artifactregistry.repoAdmin";
        Assert.Multiple(() =>
        {
            Assert.That(tag.Message, Does.StartWith($"Service account {SandboxPrincipals.Deployer} may not delete tag pr-7 (")
                .And.Contain("it lacks artifactregistry.tags.delete").And.Contain("The smallest role that grants it is roles/artifactregistry.repoAdmin")
                .And.Contain(grant));
            Assert.That(image.MissingPermissions, Is.EquivalentTo(new[] { "artifactregistry.tags.delete", "artifactregistry.versions.delete" }));
            Assert.That(image.Message, Does.Contain($"may not delete {build.ToShortString()} of app from repository").And.Contain(grant));
            Assert.That(state[build], Is.EqualTo(new[] { "latest", "pr-7" }), "refused before anything was deleted");
        });
    }

    [Test]
    public async Task Tags_are_listed_with_their_digest_and_upload_time()
    {
        var build = await _world.PushAsync("app", "build", 2, tags: ["b", "a"]);

        var tags = await TagList.RunAsync(_world.Context(), s => s.SetImage(App));

        Assert.Multiple(() =>
        {
            Assert.That(tags.Select(t => t.Tag), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(tags.Select(t => t.Digest), Is.All.EqualTo(build));
            Assert.That(tags[0].UploadTime, Is.EqualTo(_world.Clock.Now - TimeSpan.FromDays(2)).Within(TimeSpan.FromSeconds(1)));
        });
    }

    [Test]
    public async Task Deleting_a_tag_keeps_its_image_and_a_second_delete_reports_it_gone()
    {
        var build = await _world.PushAsync("app", "build", 2, tags: ["pr-7", "latest"]);

        var deleted = await TagDelete.RunAsync(_world.Context(), s => s.SetImage(App + ":pr-7"));
        var again = await TagDelete.RunAsync(_world.Context(), s => s.SetImage(App + ":pr-7"));

        Assert.Multiple(async () =>
        {
            Assert.That(deleted.Digest, Is.EqualTo(build));
            Assert.That(again.AlreadyGone, Is.True);
            Assert.That((await _world.StateAsync("app"))[build], Is.EqualTo(new[] { "latest" }));
        });
    }

    [Test]
    public async Task A_repository_with_immutable_tags_refuses_moving_and_deleting_a_tag_with_the_reason()
    {
        _world.Sandbox.CreateRepository(PruneWorld.Project, "asia", "frozen", immutableTags: true);
        var first = await _world.PushAsync("app", "first", 2, repository: "frozen", tags: ["v1"]);
        var second = await _world.PushAsync("app", "second", 1, repository: "frozen", tags: ["v2"]);
        var frozen = PruneWorld.Canonical("app", "frozen");

        var move = await Assert.ThrowsAsync<ImmutableTagsException>(() => TagAdd.RunAsync(_world.Context(), s => s.SetSource($"{frozen}:v2").SetTags("v1")));
        var delete = await Assert.ThrowsAsync<ImmutableTagsException>(() => TagDelete.RunAsync(_world.Context(), s => s.SetImage($"{frozen}:v1")));

        Assert.Multiple(async () =>
        {
            Assert.That(move!.Message, Does.StartWith("Cannot move tag v1: repository asia-docker.pkg.dev/sample-project/frozen has immutable tags")
                .And.Contain("--no-immutable-tags"));
            Assert.That(delete!.Message, Does.StartWith("Cannot delete tag v1"));
            Assert.That((await _world.StateAsync("app", "frozen"))[first], Is.EqualTo(new[] { "v1" }));
            Assert.That((await _world.StateAsync("app", "frozen"))[second], Is.EqualTo(new[] { "v2" }));
        });
    }

    [Test]
    public async Task Tag_grammar_is_checked_before_any_call()
    {
        var unreachable = OperationContext.Default.SetArtifactRegistryEndpoint(new Uri("http://127.0.0.1:9/")).SetAccessTokenSource(_world.Tokens(SandboxPrincipals.Admin));

        var exception = await Assert.ThrowsAsync<InvalidImageTagException>(() => TagAdd.RunAsync(unreachable, s => s.SetSource(App + ":v1").SetTags("ok", "feature/x")));

        Assert.That(exception!.Message, Does.Contain("'feature/x' is not a valid tag: '/' is not allowed"));
    }

    [Test]
    public async Task Deleting_an_image_by_a_tag_shared_with_other_tags_needs_DeleteTags_and_names_them()
    {
        var build = await _world.PushAsync("app", "build", 2, tags: ["pr-7", "latest"]);
        var other = await _world.PushAsync("app", "other", 2, tags: ["v1"]);

        var refused = await Assert.ThrowsAsync<ImageDeletionRefusedException>(() => DeleteImage.RunAsync(_world.Context(), s => s.SetImage(App + ":pr-7")));
        var stateAfterRefusal = await _world.StateAsync("app");
        var deleted = await DeleteImage.RunAsync(_world.Context(), s => s.SetImage(App + ":pr-7").SetDeleteTags(true));
        var state = await _world.StateAsync("app");

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Tags, Is.EqualTo(new[] { "latest" }));
            Assert.That(stateAfterRefusal.Keys, Is.EquivalentTo(new[] { build, other }), "a refusal deletes nothing");
            Assert.That(deleted.TagsDeleted, Is.EqualTo(new[] { "latest", "pr-7" }));
            Assert.That(deleted.Image.ToString(), Is.EqualTo($"{App}@{build}"));
            Assert.That(state.Keys, Is.EquivalentTo(new[] { other }));
        });
    }

    [Test]
    public async Task A_bare_image_name_is_refused_and_an_untagged_digest_is_deleted_once()
    {
        var untagged = await _world.PushAsync("app", "untagged", 2);
        await _world.PushAsync("app", "tagged", 2, tags: ["latest"]);

        var bare = await Assert.ThrowsAsync<ImageDeletionRefusedException>(() => DeleteImage.RunAsync(_world.Context(), s => s.SetImage(App)));
        var deleted = await DeleteImage.RunAsync(_world.Context(), s => s.SetImage($"{App}@{untagged}"));
        var again = await DeleteImage.RunAsync(_world.Context(), s => s.SetImage($"{App}@{untagged}"));

        Assert.Multiple(async () =>
        {
            Assert.That(bare!.Message, Does.Contain(":latest"));
            Assert.That((await _world.StateAsync("app")).Keys, Has.No.Member(untagged));
            Assert.That(deleted.AlreadyGone, Is.False);
            Assert.That(again.AlreadyGone, Is.True);
        });
    }
}
