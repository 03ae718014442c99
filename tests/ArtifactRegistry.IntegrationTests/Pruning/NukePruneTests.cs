using ArtifactRegistry.IntegrationTests.BuildProcesses;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.IntegrationTests.Pruning;

/// <summary>The PruneUntagged and Tag targets in a user's NUKE build, run as a process against the sandbox.</summary>
public sealed class NukePruneTests
{
    private PruneWorld _world = null!;
    private TempDirectory _root = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await PruneWorld.StartAsync();
        _root = TempDirectory.Create("ar-prune-build-");
        Directory.CreateDirectory(Path.Combine(_root.Path, ".nuke"));
    }

    [TearDown]
    public async Task Stop()
    {
        _root.Dispose();
        await _world.DisposeAsync();
    }

    [Test]
    public async Task A_dry_run_prints_the_plan_table_and_a_real_run_deletes_only_what_is_older_than_the_grace()
    {
        var old = await _world.PushAsync("app", "old", 10);
        var fresh = await _world.PushAsync("app", "fresh", 1);

        var dryRun = await RunBuildAsync("PruneUntagged", "--image", PruneWorld.Canonical("app"), "--prune-older-than", "5d", "--dry-run");
        var afterDryRun = await _world.StateAsync("app");
        var real = await RunBuildAsync("PruneUntagged", "--image", PruneWorld.Canonical("app"), "--prune-older-than", "5d");
        var afterRun = await _world.StateAsync("app");

        Assert.Multiple(() =>
        {
            Assert.That(dryRun.ExitCode, Is.Zero, dryRun.Output);
            Assert.That(dryRun.Output, Does.Contain("REASON").And.Contain("1 d old, within the 5 d grace").And.Contain("would delete 1 of 2 versions"));
            Assert.That(afterDryRun.Keys, Is.EquivalentTo(new[] { old, fresh }));
            Assert.That(real.ExitCode, Is.Zero, real.Output);
            Assert.That(real.Output, Does.Contain("PruneUntagged: deleted 1 of 2 versions"));
            Assert.That(afterRun.Keys, Is.EquivalentTo(new[] { fresh }));
        });
    }

    [Test]
    public async Task The_tag_target_adds_a_tag_after_a_dry_run_that_changes_nothing_and_a_wrong_duration_fails_with_the_accepted_forms()
    {
        var build = await _world.PushAsync("app", "build", 1, tags: ["3f2c1ab"]);

        var dryRun = await RunBuildAsync("Tag", "--image", PruneWorld.Canonical("app") + ":3f2c1ab", "--add-tags", "stable", "--dry-run");
        var afterDryRun = (await _world.StateAsync("app"))[build];
        var tag = await RunBuildAsync("Tag", "--image", PruneWorld.Canonical("app") + ":3f2c1ab", "--add-tags", "stable");
        var wrong = await RunBuildAsync("PruneUntagged", "--prune-images", PruneWorld.Canonical("app"), "--prune-older-than", "a week");

        Assert.Multiple(async () =>
        {
            Assert.That(dryRun.ExitCode, Is.Zero, dryRun.Output);
            Assert.That(dryRun.Output, Does.Contain($"Dry run: stable would point at {PruneWorld.Canonical("app")}:3f2c1ab"));
            Assert.That(afterDryRun, Is.EqualTo(new[] { "3f2c1ab" }), "the dry run changed nothing");
            Assert.That(tag.ExitCode, Is.Zero, tag.Output);
            Assert.That((await _world.StateAsync("app"))[build], Is.EqualTo(new[] { "3f2c1ab", "stable" }));
            Assert.That(wrong.ExitCode, Is.Not.Zero);
            Assert.That(wrong.Output, Does.Contain("'a week' (--prune-older-than or SetOlderThan(…)) is not a duration"));
        });
    }

    private Task<(int ExitCode, string Output)> RunBuildAsync(params string[] arguments)
    {
        var key = _world.Sandbox.WriteServiceAccountKey(SandboxPrincipals.Admin, _root.Path);
        return TestBuildProcess.RunAsync("PruneBuild", _root.Path,
            inherited: name => !name.StartsWith("CLOUDSDK_", StringComparison.Ordinal) && !name.StartsWith("ARTIFACT_REGISTRY_", StringComparison.Ordinal)
                               && name != "GOOGLE_APPLICATION_CREDENTIALS",
            new Dictionary<string, string>
            {
                ["GOOGLE_APPLICATION_CREDENTIALS"] = key,
                ["CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY"] = _world.Sandbox.ApiEndpoint.AbsoluteUri,
                ["HOME"] = _root.Path,
                ["GCE_METADATA_HOST"] = "127.0.0.1:9",
            },
            arguments);
    }
}
