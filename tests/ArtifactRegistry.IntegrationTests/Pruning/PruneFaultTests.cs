using ArtifactRegistry.Pruning;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.Pruning;

/// <summary>
/// Prunes under injected 429s and 503s, and cancelled part way. The assertions compare the registry's state with the plan,
/// so they hold whichever requests the (seeded) faults happen to hit.
/// </summary>
public sealed class PruneFaultTests
{
    private PruneWorld _world = null!;

    [SetUp]
    public async Task Start() => _world = await PruneWorld.StartAsync();

    [TearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [TestCase(VersionDeleteMode.Single)]
    [TestCase(VersionDeleteMode.Batch)]
    public async Task With_5_percent_429_and_5_percent_503_exactly_the_planned_versions_are_deleted(VersionDeleteMode mode)
    {
        var seeded = await SeedAsync(untagged: 40, tagged: 6);
        _world.Sandbox.Faults.Plan = SandboxFaultPlan.None.WithThrottling(0.05).WithServerErrors(0.05).WithScope(SandboxFaultScope.Rest).WithRandomSeed(11);

        var result = await PruneUntagged.RunAsync(_world.Context(), s => s.SetImages(PruneWorld.Canonical("app")).SetDeleteMode(mode).SetKeepMostRecent(3));
        _world.Sandbox.Faults.Clear();
        var state = await _world.StateAsync("app");

        var planned = result.Plan.Deletions.Select(d => d.Version.Digest).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(_world.Sandbox.Faults.Injected(SandboxFault.Throttle) + _world.Sandbox.Faults.Injected(SandboxFault.ServerError), Is.GreaterThan(0), "faults were injected");
            Assert.That(planned, Has.Count.EqualTo(37), "40 untagged, 3 most recent kept, 6 tagged kept");
            Assert.That(state.Keys, Is.EquivalentTo(seeded.Except(planned)), "exactly the plan's deletions are gone, nothing else");
            Assert.That(result.Outcomes.All(o => o.IsGone), Is.True, string.Join("\n", result.Outcomes.Where(o => !o.IsGone)));
        });
    }

    /// <remarks>Single deletes, where progress is version by version; a batch is sent whole or not at all.</remarks>
    [Test]
    public async Task A_cancelled_prune_reports_exactly_what_it_deleted_and_what_it_did_not_start()
    {
        await SeedAsync(untagged: 60, tagged: 0);
        using var cancellation = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            // Cancel once some deletions are through: the rate limit (20/s) leaves most of them to do.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await _world.StateAsync("app")).Count > 50 && DateTime.UtcNow < deadline)
                await Task.Delay(20);
            await cancellation.CancelAsync();
        });

        var exception = await Assert.ThrowsAsync<PruneCancelledException>(() =>
            PruneUntagged.RunAsync(_world.Context(), s => s.SetImages(PruneWorld.Canonical("app")).SetDeleteMode(VersionDeleteMode.Single).SetDeletesPerSecond(20).SetMaxConcurrency(4), cancellation.Token));
        await watcher;
        var state = await _world.StateAsync("app");

        var result = exception!.Result;
        var gone = result.Outcomes.Where(o => o.IsGone).Select(o => o.Deletion.Version.Digest).ToList();
        var notStarted = result.Outcomes.Where(o => o.Status == VersionDeletionStatus.NotAttempted && o.Detail == "cancelled before it started")
            .Select(o => o.Deletion.Version.Digest).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(gone, Has.Count.GreaterThanOrEqualTo(10));
            Assert.That(notStarted, Is.Not.Empty);
            Assert.That(state.Keys.Intersect(gone), Is.Empty, "every version reported gone is gone");
            Assert.That(notStarted.Except(state.Keys), Is.Empty, "every version reported not started is still there");
            Assert.That(gone.Count + notStarted.Count, Is.EqualTo(60), "no version is left in doubt");
            Assert.That(exception.Message, Does.Contain($"cancelled after deleting {gone.Count} of 60 planned versions"));
        });
    }

    private async Task<List<ImageDigest>> SeedAsync(int untagged, int tagged)
    {
        var digests = new List<ImageDigest>();
        for (var i = 0; i < untagged; i++)
            digests.Add(await _world.PushAsync("app", $"untagged {i}", 10 + i));
        for (var i = 0; i < tagged; i++)
            digests.Add(await _world.PushAsync("app", $"tagged {i}", 10 + i, tags: [$"v{i}"]));
        return digests;
    }
}
