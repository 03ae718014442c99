using ArtifactRegistry.Publishing;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.Publishing;

/// <summary>
/// BuildAndPush to a repository with immutable tags, with the real docker, git and the sandbox enforcing immutability as
/// Artifact Registry does: the tags are decided from the access preflight, before any build.
/// </summary>
[CancelAfter(300_000)]
public class ImmutableTagsTests
{
    private const string Frozen = "frozen";

    private PublishWorld _world = null!;
    private SourceTree _source = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await PublishWorld.StartAsync();
        _world.Sandbox.CreateRepository(PublishWorld.Project, "asia", Frozen, immutableTags: true);
        _world.Sandbox.Grant($"projects/{PublishWorld.Project}/locations/asia/repositories/{Frozen}", "roles/artifactregistry.writer", "serviceAccount:" + SandboxPrincipals.Deployer);
        _source = await SourceTree.ScratchAsync("immutable " + Guid.NewGuid());
    }

    [TearDown]
    public async Task Stop()
    {
        _source.Dispose();
        await _world.DisposeAsync();
    }

    private static string FrozenImage => $"asia-docker.pkg.dev/{PublishWorld.Project}/{Frozen}/app";

    private BuildAndPushSettings Settings() => PublishWorld.Settings(_source, "app").SetImage(FrozenImage);

    [Test]
    public async Task Default_tags_leave_out_latest_and_say_so()
    {
        var result = await BuildAndPush.RunAsync(_world.Context(), Settings());

        var commit = await _source.GitAsync("rev-parse", "--short=7", "HEAD");
        Assert.Multiple(() =>
        {
            Assert.That(result.Tags, Is.EqualTo(new[] { commit }));
            Assert.That(_world.Log.Text, Does.Contain($"projects/{PublishWorld.Project}/locations/asia/repositories/{Frozen} has immutable tags: the default tag 'latest' is left out"));
            Assert.That(_world.DockerCommands.Count(command => command == "docker push"), Is.EqualTo(1), "one push, of the commit tag");
        });
    }

    [Test]
    public async Task An_unchanged_rerun_of_a_commit_pushes_the_same_digest_under_its_existing_tag()
    {
        var first = await BuildAndPush.RunAsync(_world.Context(), Settings());

        var rerun = await BuildAndPush.RunAsync(_world.Context(), Settings());

        Assert.Multiple(() =>
        {
            Assert.That(rerun.Digest, Is.EqualTo(first.Digest));
            Assert.That(rerun.Tags, Is.EqualTo(first.Tags));
            Assert.That(_world.Log.Text, Does.Contain($"{first.Tags[0]} already exist: this commit was pushed before"));
        });
    }

    [Test]
    public async Task A_tag_that_already_exists_is_refused_before_any_build_with_the_choice()
    {
        await BuildAndPush.RunAsync(_world.Context(), Settings().SetTags("v1"));
        var buildsBefore = _world.DockerCommands.Count(command => command == "docker build");
        _source.Write("payload.txt", "another image " + Guid.NewGuid());
        await _source.CommitAsync("second");

        var exception = await Assert.ThrowsAsync<ImmutableTagException>(() => BuildAndPush.RunAsync(_world.Context(), Settings().SetTags("v1", "v2")));

        Assert.Multiple(() =>
        {
            Assert.That(buildsBefore, Is.EqualTo(1), "the first build ran");
            Assert.That(_world.DockerCommands.Count(command => command == "docker build"), Is.EqualTo(buildsBefore), "no docker build for the refused push");
            Assert.That(exception!.ExistingTags, Is.EqualTo(new[] { "app:v1" }));
            Assert.That(exception.Message, Does.StartWith($"The tag app:v1 already exists in projects/{PublishWorld.Project}/locations/asia/repositories/{Frozen}, which has immutable tags"));
            Assert.That(exception.Message, Does.Contain("nothing was built").And.Contain("a new tag (SetTags(…)").And.Contain("a repository without immutable tags (SetImage(\"LOCATION-docker.pkg.dev/PROJECT-ID/OTHER-REPOSITORY/IMAGE\"))"));
        });
    }
}
