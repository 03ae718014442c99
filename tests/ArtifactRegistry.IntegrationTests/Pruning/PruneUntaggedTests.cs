using ArtifactRegistry.Hints;
using ArtifactRegistry.Access;
using ArtifactRegistry.Context;
using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.Pruning;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.IntegrationTests.Pruning;

/// <summary>PruneUntagged against the sandbox: each rule, indexes, in-use digests, dry runs, scopes and refusals.</summary>
public sealed class PruneUntaggedTests
{
    private PruneWorld _world = null!;

    [SetUp]
    public async Task Start() => _world = await PruneWorld.StartAsync();

    [TearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [Test]
    public async Task Untagged_versions_are_deleted_and_tagged_ones_never_touched_by_default()
    {
        var old = await _world.PushAsync("app", "old", 40);
        var fresh = await _world.PushAsync("app", "fresh", 0.1);
        var release = await _world.PushAsync("app", "release", 400, tags: ["v1", "latest"]);

        var result = await PruneUntagged.RunAsync(_world.Context(), s => s.SetImages(PruneWorld.Canonical("app")));
        var state = await _world.StateAsync("app");

        Assert.Multiple(() =>
        {
            Assert.That(state.Keys, Is.EquivalentTo(new[] { release }));
            Assert.That(state[release], Is.EqualTo(new[] { "latest", "v1" }));
            Assert.That(result.Deleted, Is.EqualTo(2));
            Assert.That(result.Plan.Deletions.Select(d => d.Version.Digest), Is.EquivalentTo(new[] { old, fresh }));
            Assert.That(result.BytesReclaimed, Is.GreaterThan(0));
            Assert.That(_world.Log.Text, Does.Contain("tagged latest, v1").And.Contain("PruneUntagged: deleted 2 of 3 versions"));
        });
    }

    [Test]
    public async Task The_grace_period_and_keep_most_recent_keep_the_newest_by_upload_time()
    {
        var day = await _world.PushAsync("app", "1 day", 1);
        var tenDays = await _world.PushAsync("app", "10 days", 10);
        var twentyDays = await _world.PushAsync("app", "20 days", 20);
        var thirtyDays = await _world.PushAsync("app", "30 days", 30);

        var result = await PruneUntagged.RunAsync(_world.Context(), s => s
            .SetImages(PruneWorld.Canonical("app")).SetOlderThan(TimeSpan.FromDays(7)).SetKeepMostRecent(1));
        var state = await _world.StateAsync("app");

        Assert.Multiple(() =>
        {
            Assert.That(state.Keys, Is.EquivalentTo(new[] { day, tenDays }));
            Assert.That(result.Plan.Decisions.Single(d => d.Version.Digest == day).Reason, Is.EqualTo(PruneReason.WithinGrace));
            Assert.That(result.Plan.Decisions.Single(d => d.Version.Digest == tenDays).Reason, Is.EqualTo(PruneReason.MostRecent));
            Assert.That(result.Plan.Deletions.Select(d => d.Version.Digest), Is.EquivalentTo(new[] { twentyDays, thirtyDays }));
        });
    }

    [Test]
    public async Task Tagged_versions_go_only_through_the_tag_filter_and_keep_tags_win()
    {
        var candidate = await _world.PushAsync("app", "rc", 30, tags: ["v2-rc1"]);
        var kept = await _world.PushAsync("app", "rc kept", 30, tags: ["v1-rc1", "v1.0.0"]);
        var other = await _world.PushAsync("app", "other", 30, tags: ["main"]);

        var result = await PruneUntagged.RunAsync(_world.Context(), s => s
            .SetImages(PruneWorld.Canonical("app")).SetDeleteTaggedMatching("-rc\\d+$").SetKeepTags("^v\\d+\\.\\d+\\.\\d+$"));
        var state = await _world.StateAsync("app");

        Assert.Multiple(() =>
        {
            Assert.That(state.Keys, Is.EquivalentTo(new[] { kept, other }));
            Assert.That(state[kept], Is.EqualTo(new[] { "v1-rc1", "v1.0.0" }));
            Assert.That(result.Plan.Decisions.Single(d => d.Version.Digest == candidate).TagsToDelete, Is.EqualTo(new[] { "v2-rc1" }));
        });
    }

    [Test]
    public async Task An_untagged_index_goes_before_its_platform_images_and_a_tagged_index_keeps_its_own()
    {
        var oldAmd = await _world.PushAsync("multi", "old amd64", 30);
        var oldArm = await _world.PushAsync("multi", "old arm64", 30);
        var oldIndex = await _world.PushIndexAsync("multi", [oldAmd, oldArm], 30);
        var newAmd = await _world.PushAsync("multi", "new amd64", 30);
        var newArm = await _world.PushAsync("multi", "new arm64", 30);
        var newIndex = await _world.PushIndexAsync("multi", [newAmd, newArm], 30, tags: ["v2"]);

        var result = await PruneUntagged.RunAsync(_world.Context(), s => s.SetImages(PruneWorld.Canonical("multi")));
        var state = await _world.StateAsync("multi");

        Assert.Multiple(() =>
        {
            Assert.That(state.Keys, Is.EquivalentTo(new[] { newIndex, newAmd, newArm }));
            Assert.That(result.Plan.DeletionRounds.Select(r => r.Select(d => d.Version.Digest)), Is.EqualTo(new[] { new[] { oldIndex }, new[] { oldAmd, oldArm } }).Using<IEnumerable<ImageDigest>>((a, b) => a.ToHashSet().SetEquals(b)));
            Assert.That(result.Refused, Is.Zero, "no dangling-parent refusal");
            Assert.That(result.Plan.Decisions.Single(d => d.Version.Digest == newAmd).Reason, Is.EqualTo(PruneReason.ChildOfKeptIndex));
        });
    }

    [Test]
    public async Task A_digest_in_use_is_never_deleted()
    {
        var running = await _world.PushAsync("app", "running", 90);
        var idle = await _world.PushAsync("app", "idle", 90);

        var result = await PruneUntagged.RunAsync(_world.Context(), s => s.SetImages(PruneWorld.Canonical("app")).SetInUseDigests(running));
        var state = await _world.StateAsync("app");

        Assert.Multiple(() =>
        {
            Assert.That(state.Keys, Is.EquivalentTo(new[] { running }));
            Assert.That(result.Plan.Decisions.Single(d => d.Version.Digest == running).Reason, Is.EqualTo(PruneReason.InUse));
            Assert.That(result.Plan.Decisions.Single(d => d.Version.Digest == idle).Delete, Is.True);
        });
    }

    [Test]
    public async Task A_dry_run_prints_the_plan_and_changes_nothing()
    {
        await _world.PushAsync("app", "a", 10);
        await _world.PushAsync("app", "b", 10, tags: ["v1"]);
        var before = await _world.StateAsync("app");

        var result = await PruneUntagged.RunAsync(_world.Context(), s => s.SetImages(PruneWorld.Canonical("app")).EnableDryRun());
        var after = await _world.StateAsync("app");

        Assert.Multiple(() =>
        {
            Assert.That(after.Keys, Is.EquivalentTo(before.Keys));
            Assert.That(result.Plan.DeleteCount, Is.EqualTo(1));
            Assert.That(result.Outcomes, Is.Empty);
            Assert.That(_world.Log.Lines, Has.Some.Contains("IMAGE").And.Contains("DIGEST").And.Contains("REASON"));
            Assert.That(_world.Log.Text, Does.Contain("PruneUntagged dry run: would delete 1 of 2 versions").And.Contain("nothing was changed"));
        });
    }

    [Test]
    public async Task A_repository_scope_covers_every_package_nested_names_included_and_several_repositories_can_be_given()
    {
        _world.Sandbox.CreateRepository(PruneWorld.Project, "asia", "other");
        await _world.PushAsync("app", "app", 5);
        await _world.PushAsync("team/api", "nested", 5);
        var kept = await _world.PushAsync("team/api", "nested tagged", 5, tags: ["v1"]);
        await _world.PushAsync("tool", "other repo", 5, repository: "other");

        var result = await PruneUntagged.RunAsync(_world.Context(), s => s
            .SetRepositories($"asia-docker.pkg.dev/{PruneWorld.Project}/{PruneWorld.Repository}", $"projects/{PruneWorld.Project}/locations/asia/repositories/other"));

        Assert.Multiple(async () =>
        {
            Assert.That(result.Deleted, Is.EqualTo(3));
            Assert.That(await _world.StateAsync("app"), Is.Empty);
            Assert.That((await _world.StateAsync("team/api")).Keys, Is.EquivalentTo(new[] { kept }));
            Assert.That(await _world.StateAsync("tool", "other"), Is.Empty);
        });
    }

    [Test]
    public async Task A_principal_without_delete_rights_is_stopped_by_the_preflight_with_the_grant_command()
    {
        var version = await _world.PushAsync("app", "a", 10);

        var exception = await Assert.ThrowsAsync<ArtifactRegistryAccessDeniedException>(() =>
            PruneUntagged.RunAsync(_world.Context(SandboxPrincipals.Deployer), s => s.SetImages(PruneWorld.Canonical("app"))));

        Assert.Multiple(async () =>
        {
            Assert.That(exception!.Message, Does.Contain("artifactregistry.versions.delete").And.Contain("roles/artifactregistry.repoAdmin")
                .And.Contain("gcloud artifacts repositories add-iam-policy-binding sample"));
            Assert.That((await _world.StateAsync("app")).Keys, Is.EquivalentTo(new[] { version }));
        });
    }

    [Test]
    public async Task A_tag_added_after_the_plan_makes_the_registry_refuse_and_the_version_stays()
    {
        // The plan is made from a listing; a tag pushed between listing and deletion must win. Simulated deterministically by
        // deleting a version the plan never saw as tagged: DeleteImage's sibling path, the deleter, without force.
        var digest = await _world.PushAsync("app", "late tag", 10);
        await _world.PushAsync("app", "late tag", 0, tags: ["hotfix"]);
        using var client = new ArtifactRegistryClient(_world.Tokens(SandboxPrincipals.Admin), new ArtifactRegistryClientOptions { ApiRoot = _world.Sandbox.ApiEndpoint });

        var report = await new VersionDeleter(client).DeleteAsync([[new VersionDeletion(PruneWorld.Package("app").Version(digest), [])]]);

        Assert.Multiple(async () =>
        {
            Assert.That(report.Outcomes.Single().Status, Is.EqualTo(VersionDeletionStatus.Refused));
            Assert.That(report.Outcomes.Single().Detail, Does.Contain("FAILED_PRECONDITION").And.Contain("hotfix"));
            Assert.That((await _world.StateAsync("app"))[digest], Is.EqualTo(new[] { "hotfix" }));
        });
    }

    [Test]
    public async Task A_kube_context_the_kubeconfig_lacks_fails_before_anything_is_deleted()
    {
        var untagged = await _world.PushAsync("app", "untagged", 10);
        using var directory = TempDirectory.Create("ar-prune-kube-");
        var kubeconfig = Path.Combine(directory.Path, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: staging, cluster: {server: "https://127.0.0.1:9"}}]
            users: [{name: staging, user: {token: unused}}]
            contexts: [{name: staging, context: {cluster: staging, user: staging}}]
            current-context: staging
            """);
        var context = _world.Context().SetKubeconfig(kubeconfig).SetEnvironmentVariable("KUBECONFIG", null);

        var exception = await Assert.ThrowsAsync<KubeconfigException>(() =>
            PruneUntagged.RunAsync(context, s => s.SetImages(PruneWorld.Canonical("app")).SetKubeContexts("prod")));

        Assert.Multiple(async () =>
        {
            Assert.That(exception!.Message, Does.Contain("prod").And.Contain("staging"));
            Assert.That((await _world.StateAsync("app")).Keys, Is.EqualTo(new[] { untagged }), "nothing deleted unprotected");
        });
    }

    [Test]
    public async Task A_scope_entry_with_a_tag_or_an_image_given_as_repository_is_refused_with_the_right_form()
    {
        var tagged = await Assert.ThrowsAsync<SettingsException>(() => PruneUntagged.RunAsync(_world.Context(), s => s.SetImages(PruneWorld.Canonical("app") + ":v1")));
        var image = await Assert.ThrowsAsync<SettingsException>(() => PruneUntagged.RunAsync(_world.Context(), s => s.SetRepositories(PruneWorld.Canonical("app"))));
        var none = await Assert.ThrowsAsync<SettingsException>(() => PruneUntagged.RunAsync(_world.Context(), s => s));

        Assert.Multiple(() =>
        {
            Assert.That(tagged!.Message, Does.Contain("names one version (:v1)").And.Contain($"Give the image without tag or digest: SetImages(\"{PruneWorld.Canonical("app")}\")"));
            Assert.That(image!.Message, Does.Contain("is an image (sample / app), not a repository"));
            Assert.That(none!.Message, Does.Contain("was given nothing to prune"));
        });
    }

    [Test]
    public async Task The_server_side_alternative_writes_cleanup_policies_in_dry_run_mode_and_says_what_they_cannot_express()
    {
        var version = await _world.PushAsync("app", "a", 10);

        var result = await PruneUntagged.RunAsync(_world.Context(), s => s
            .SetImages(PruneWorld.Canonical("app")).SetOlderThan(TimeSpan.FromDays(7)).SetKeepMostRecent(2).SetInUseDigests(version)
            .SetWriteCleanupPolicy(true).EnableDryRun());
        var repository = await _world.RestGetAsync($"v1/projects/{PruneWorld.Project}/locations/asia/repositories/{PruneWorld.Repository}");

        Assert.Multiple(async () =>
        {
            Assert.That(repository!["cleanupPolicyDryRun"]!.GetValue<bool>(), Is.True);
            Assert.That(repository["cleanupPolicies"]!["arnuke-delete-untagged"]!["condition"]!["olderThan"]!.GetValue<string>(), Is.EqualTo("604800s"));
            Assert.That(repository["cleanupPolicies"]!["arnuke-delete-untagged"]!["condition"]!["tagState"]!.GetValue<string>(), Is.EqualTo("UNTAGGED"));
            Assert.That(repository["cleanupPolicies"]!["arnuke-keep-most-recent"]!["mostRecentVersions"]!["keepCount"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(result.CleanupPolicy!.NotExpressed, Has.Some.StartsWith("in-use protection"));
            Assert.That((await _world.StateAsync("app")).Keys, Is.EquivalentTo(new[] { version }), "writing policies deletes nothing");
        });
    }
}
