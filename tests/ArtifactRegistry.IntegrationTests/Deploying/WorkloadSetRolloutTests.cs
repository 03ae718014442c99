using ArtifactRegistry.Deploying;
using ArtifactRegistry.InUse;
using ArtifactRegistry.Rollouts;
using k8s;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>
/// SetImage on stateful sets and daemon sets of the sandbox's cluster: rolled out, failures diagnosed from their pods, rolled
/// back through their controller revisions as <c>kubectl rollout undo</c> does, and their earlier revisions kept from pruning.
/// </summary>
public sealed class WorkloadSetRolloutTests
{
    private DeployWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _world = await DeployWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    [TestCase("statefulset")]
    [TestCase("daemonset")]
    public async Task I_can_roll_out_a_pinned_image_and_its_controller_revision_carries_the_change_cause(string kind)
    {
        var name = $"{kind}-happy";
        var before = await _world.PushAsync(DeployWorld.Readable, $"{name}:1", $"{name} v1");
        var after = await _world.PushAsync(DeployWorld.Readable, $"{name}:2", $"{name} v2");
        await CreateAsync(kind, name, before.ToString());

        var result = await SetImage.RunAsync(await _world.ContextAsync(), s => s.SetImage(after).SetWorkloads($"{kind}/{name}").SetNamespace(DeployWorld.Namespace).SetCommit("abc1234"));

        var workload = result.Workloads.Single();
        var revisions = (await _world.Admin.AppsV1.ListNamespacedControllerRevisionAsync(DeployWorld.Namespace, labelSelector: $"app={name}")).Items.OrderBy(r => r.Revision).ToList();
        var pods = await _world.Admin.CoreV1.ListNamespacedPodAsync(DeployWorld.Namespace, labelSelector: $"app={name}");
        Assert.Multiple(async () =>
        {
            Assert.That(workload.Outcome, Is.EqualTo(RolloutOutcome.RolledOut), workload.Failure);
            Assert.That((workload.PreviousDigest, workload.AvailableReplicas, workload.DesiredReplicas), Is.EqualTo((before.Digest, Replicas(kind), Replicas(kind))));
            Assert.That(await _world.PodImagesAsync(name, name), Is.EqualTo(new[] { after.ToString() }), "every pod runs the pinned image");
            Assert.That(revisions.Select(r => r.Revision), Is.EqualTo(new long[] { 1, 2 }));
            Assert.That(revisions[1].Metadata.Annotations?[ChangeCause.Annotation], Is.EqualTo($"SetImage {name}={after}; commit abc1234"), "rollout history shows it");
            if (kind == "statefulset")
                Assert.That(pods.Items.Where(p => p.Metadata.DeletionTimestamp is null).Select(p => p.Metadata.Name).Order(), Is.EqualTo(new[] { $"{name}-0", $"{name}-1", $"{name}-2" }));
            Assert.That(result.ToString(), Does.Contain("outcome         : rolled out"));
        });
    }

    [TestCase("statefulset")]
    [TestCase("daemonset")]
    public async Task A_pull_error_fails_fast_and_RollbackOnFailure_restores_the_previous_controller_revision(string kind)
    {
        var name = $"{kind}-pull";
        var good = await _world.PushAsync(DeployWorld.Readable, $"{name}:1", $"{name} v1");
        var unreadable = await _world.PushAsync(DeployWorld.Unreadable, $"{name}:2", $"{name} v2");
        await CreateAsync(kind, name, good.ToString());

        var exception = await Assert.ThrowsAsync<RolloutFailedException>(async () => await SetImage.RunAsync(await _world.ContextAsync(),
            s => s.SetImage(unreadable).SetWorkloads($"{kind}/{name}").SetNamespace(DeployWorld.Namespace).EnableRollbackOnFailure()));

        var workload = exception!.Result.Workloads.Single();
        Assert.Multiple(async () =>
        {
            Assert.That(workload.Diagnosis!.PullProblem, Is.EqualTo(ImagePullProblem.PermissionDenied));
            Assert.That(exception.Message, Does.StartWith($"{kind}/{name} in namespace shop cannot start: pod {name}-"));
            Assert.That(exception.Message, Does.Contain("--role=roles/artifactregistry.reader"));
            Assert.That(workload.Outcome, Is.EqualTo(RolloutOutcome.RolledBack), workload.Failure);
            Assert.That(workload.RestoredImage, Is.EqualTo(good.ToString()));
            Assert.That(exception.Message, Does.Contain($"RollbackOnFailure restored the previous revision of {kind}/{name} ({good}, revision 1 of its history); " +
                                                        $"{Replicas(kind)}/{Replicas(kind)} replicas are available again."));
            Assert.That(await _world.PodImagesAsync(name, name), Is.EqualTo(new[] { good.ToString() }));
            Assert.That(await TemplateImageAsync(kind, name), Is.EqualTo(good.ToString()));
        });
    }

    [TestCase("statefulset")]
    [TestCase("daemonset")]
    public async Task A_crash_loop_fails_fast_with_the_containers_last_log_lines(string kind)
    {
        var name = $"{kind}-crash";
        var good = await _world.PushAsync(DeployWorld.Readable, $"{name}:1", $"{name} v1");
        var crashing = await _world.PushAsync(DeployWorld.Readable, $"{name}:2", $"{name} v2", DeployWorld.Crashing);
        await CreateAsync(kind, name, good.ToString());

        var exception = await Assert.ThrowsAsync<RolloutFailedException>(async () => await SetImage.RunAsync(await _world.ContextAsync(),
            s => s.SetImage(crashing).SetWorkloads($"{kind}/{name}").SetNamespace(DeployWorld.Namespace)));

        var workload = exception!.Result.Workloads.Single();
        Assert.Multiple(async () =>
        {
            Assert.That(workload.Diagnosis!.Kind, Is.EqualTo(RolloutFailureKind.CrashLoop));
            Assert.That(workload.Outcome, Is.EqualTo(RolloutOutcome.Failed));
            Assert.That(exception.Message, Does.Contain("keeps crashing (CrashLoopBackOff").And.Contain("Its last log lines:"));
            Assert.That(await _world.PodImagesAsync(name, name), Does.Contain(good.ToString()), "the pods not yet replaced keep serving");
        });
    }

    [Test]
    public async Task An_OnDelete_stateful_set_is_reported_at_once_instead_of_awaited()
    {
        var first = await _world.PushAsync(DeployWorld.Readable, "manual-set:1", "manual-set v1");
        var second = await _world.PushAsync(DeployWorld.Readable, "manual-set:2", "manual-set v2");
        await _world.CreateStatefulSetAsync("manual-set", 2, first.ToString(), updateStrategy: "OnDelete");

        var exception = await Assert.ThrowsAsync<RolloutFailedException>(async () => await SetImage.RunAsync(await _world.ContextAsync(),
            s => s.SetImage(second).SetWorkloads("statefulset/manual-set").SetNamespace(DeployWorld.Namespace)));

        Assert.That(exception!.Message, Does.Contain("OnDelete"));
        Assert.That(await _world.PodImagesAsync("manual-set", "manual-set"), Is.EqualTo(new[] { first.ToString() }), "no pod was replaced");
        Assert.That(await TemplateImageAsync("statefulset", "manual-set"), Is.EqualTo(second.ToString()), "the template has the new image for the next deleted pod");
    }

    [Test]
    public async Task A_stateful_sets_earlier_revision_stays_in_use_for_pruning()
    {
        var first = await _world.PushAsync(DeployWorld.Readable, "kept-set:1", "kept-set v1");
        var second = await _world.PushAsync(DeployWorld.Readable, "kept-set:2", "kept-set v2");
        await _world.CreateStatefulSetAsync("kept-set", 2, first.ToString());
        var context = await _world.ContextAsync();
        await SetImage.RunAsync(context, s => s.SetImage(second).SetWorkloads("statefulset/kept-set").SetNamespace(DeployWorld.Namespace));

        var inUse = await ClusterImages.ReadAsync(context, [null]);

        Assert.Multiple(() =>
        {
            Assert.That(inUse.UsesOf(second.Digest!).Select(use => (use.Source, use.Owner)), Does.Contain((ImageUseSource.Workload, "statefulset/kept-set")));
            Assert.That(inUse.IsInUse(first), Is.True, "the controller revision a rollback would restore");
            Assert.That(inUse.UsesOf(first.Digest!).Select(use => use.Source), Does.Contain(ImageUseSource.ControllerRevision).And.Not.Contain(ImageUseSource.Workload));
        });
    }

    private static int Replicas(string kind) => kind == "statefulset" ? 3 : 2; // the sandbox's node pool has two nodes

    private Task CreateAsync(string kind, string name, string image) => kind == "statefulset"
        ? _world.CreateStatefulSetAsync(name, 3, image)
        : _world.CreateDaemonSetAsync(name, image);

    private async Task<string> TemplateImageAsync(string kind, string name) => kind == "statefulset"
        ? (await _world.Admin.AppsV1.ReadNamespacedStatefulSetAsync(name, DeployWorld.Namespace)).Spec.Template.Spec.Containers.Single().Image
        : (await _world.Admin.AppsV1.ReadNamespacedDaemonSetAsync(name, DeployWorld.Namespace)).Spec.Template.Spec.Containers.Single().Image;
}
