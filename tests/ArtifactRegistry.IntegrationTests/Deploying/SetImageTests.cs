using ArtifactRegistry.Deploying;
using ArtifactRegistry.Rollouts;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>SetImage against the sandbox's cluster: rollouts that succeed, and the ones that must not.</summary>
public sealed class SetImageTests
{
    private DeployWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _world = await DeployWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    [Test]
    public async Task I_can_roll_out_a_pinned_image_and_get_a_table_with_both_digests()
    {
        var before = await _world.PushAsync(DeployWorld.Readable, "happy:1", "happy v1");
        var after = await _world.PushAsync(DeployWorld.Readable, "happy:2", "happy v2");
        await _world.CreateDeploymentAsync("happy", 2, null, ("happy", before.ToString()));

        var result = await SetImage.RunAsync(await _world.ContextAsync(), s => s.SetImage(after).SetWorkloads("deployment/happy").SetNamespace(DeployWorld.Namespace).SetCommit("abc1234"));

        var workload = result.Workloads.Single();
        Assert.Multiple(async () =>
        {
            Assert.That(workload.Outcome, Is.EqualTo(RolloutOutcome.RolledOut));
            Assert.That(workload.PreviousDigest, Is.EqualTo(before.Digest));
            Assert.That((workload.AvailableReplicas, workload.DesiredReplicas, workload.Revision), Is.EqualTo((2, 2, "2")));
            Assert.That(await _world.PodImagesAsync("happy", "happy"), Is.EqualTo(new[] { after.ToString() }), "every pod runs the pinned image");
            var deployment = await _world.ReadAsync("happy");
            Assert.That(deployment.Metadata.Annotations[ChangeCause.Annotation], Is.EqualTo($"SetImage happy={after}; commit abc1234"));
            Assert.That(result.ToString(), Does.Contain($"digest          : {after.Digest}").And.Contain($"previous digest : {before.Digest}").And.Contain("outcome         : rolled out"));
            Assert.That(_world.Log.Text, Does.Contain("deployment/happy: 2/2 updated, 2/2 available"));
        });
    }

    [Test]
    public async Task The_same_digest_twice_sends_no_patch_and_says_it_is_already_running()
    {
        var image = await _world.PushAsync(DeployWorld.Readable, "same:1", "same v1");
        await _world.CreateDeploymentAsync("same", 1, null, ("same", image.ToString()));
        var generation = (await _world.ReadAsync("same")).Metadata.Generation;

        var result = await SetImage.RunAsync(await _world.ContextAsync(), s => s.SetImage(image.WithTag("other-tag")).SetWorkloads("deployment/same").SetNamespace(DeployWorld.Namespace));

        Assert.That(result.Workloads.Single().Outcome, Is.EqualTo(RolloutOutcome.Unchanged));
        Assert.That((await _world.ReadAsync("same")).Metadata.Generation, Is.EqualTo(generation), "nothing was patched");

    }

    [Test]
    public async Task Latest_pushed_again_with_new_content_rolls_out_where_kubectl_set_image_would_send_nothing()
    {
        var first = await _world.PushAsync(DeployWorld.Readable, "latest:latest", "latest v1");
        await _world.CreateDeploymentAsync("latest", 2, null, ("latest", first.ToString()));
        var second = await _world.PushAsync(DeployWorld.Readable, "latest:latest", "latest v2");
        Assert.That(second.Digest, Is.Not.EqualTo(first.Digest));

        // The tag alone: SetImage resolves it through the REST API to the new digest.
        var result = await SetImage.RunAsync(await _world.ContextAsync(), s => s.SetImage(second.WithoutDigest()).SetWorkloads("deployment/latest").SetNamespace(DeployWorld.Namespace));

        Assert.That(result.Workloads.Single().Image, Is.EqualTo(second));
        Assert.That(await _world.PodImagesAsync("latest", "latest"), Is.EqualTo(new[] { second.ToString() }));
    }

    [Test]
    public async Task Only_the_named_container_of_two_changes()
    {
        var app = await _world.PushAsync(DeployWorld.Readable, "web:1", "web v1");
        var sidecar = await _world.PushAsync(DeployWorld.Readable, "proxy:1", "proxy v1");
        var next = await _world.PushAsync(DeployWorld.Readable, "web:2", "web v2");
        await _world.CreateDeploymentAsync("two", 1, null, ("app", app.ToString()), ("proxy", sidecar.ToString()));

        await SetImage.RunAsync(await _world.ContextAsync(), s => s.SetImage(next).SetWorkloads("deployment/two").SetContainer("app").SetNamespace(DeployWorld.Namespace));

        Assert.That(await _world.PodImagesAsync("two", "app"), Is.EqualTo(new[] { next.ToString() }));
        Assert.That(await _world.PodImagesAsync("two", "proxy"), Is.EqualTo(new[] { sidecar.ToString() }));
    }

    [Test]
    public async Task Two_containers_none_named_like_the_workload_fail_before_any_patch_listing_them()
    {
        var app = await _world.PushAsync(DeployWorld.Readable, "pair:1", "pair v1");
        await _world.CreateDeploymentAsync("pair", 1, null, ("app", app.ToString()), ("proxy", app.ToString()));

        var exception = await Assert.ThrowsAsync<ContainerNotFoundException>(async () =>
            await SetImage.RunAsync(await _world.ContextAsync(), s => s.SetImage(app).SetWorkloads("deployment/pair").SetNamespace(DeployWorld.Namespace)));

        Assert.That(exception!.Message, Does.StartWith("deployment/pair has 2 containers and none is named 'pair'").And.Contain("app (").And.Contain("proxy ("));
    }

    [Test]
    public async Task Several_workloads_roll_out_together()
    {
        var old = await _world.PushAsync(DeployWorld.Readable, "multi:1", "multi v1");
        var next = await _world.PushAsync(DeployWorld.Readable, "multi:2", "multi v2");
        await _world.CreateDeploymentAsync("multi-a", 1, null, ("multi-a", old.ToString()));
        await _world.CreateDeploymentAsync("multi-b", 2, null, ("multi-b", old.ToString()));

        var result = await SetImage.RunAsync(await _world.ContextAsync(), s => s.SetImage(next).SetWorkloads("deployment/multi-a", "deploy/multi-b").SetNamespace(DeployWorld.Namespace));

        Assert.That(result.Workloads.Select(w => (w.Workload.Name, w.Outcome)), Is.EqualTo(new[] { ("multi-a", RolloutOutcome.RolledOut), ("multi-b", RolloutOutcome.RolledOut) }));
    }

    [Test]
    public async Task A_crash_loop_fails_fast_with_the_containers_last_log_lines()
    {
        var good = await _world.PushAsync(DeployWorld.Readable, "crash:1", "crash v1");
        var crashing = await _world.PushAsync(DeployWorld.Readable, "crash:2", "crash v2", DeployWorld.Crashing);
        await _world.CreateDeploymentAsync("crash", 1, null, ("crash", good.ToString()));

        var exception = await Assert.ThrowsAsync<RolloutFailedException>(async () =>
            await SetImage.RunAsync(await _world.ContextAsync(), s => s.SetImage(crashing).SetWorkloads("deployment/crash").SetNamespace(DeployWorld.Namespace)));

        var workload = exception!.Result.Workloads.Single();
        Assert.That(workload.Diagnosis!.Kind, Is.EqualTo(RolloutFailureKind.CrashLoop));
        Assert.That(exception.Message, Does.StartWith("deployment/crash in namespace shop cannot start: container crash of pod crash-"));
        Assert.That(exception.Message, Does.Contain("keeps crashing (CrashLoopBackOff").And.Contain("Its last log lines:"));
        Assert.That(await _world.PodImagesAsync("crash", "crash"), Does.Contain(good.ToString()), "the old replica keeps serving: nothing was undone, nothing removed");
    }

    [Test]
    public async Task RollbackOnFailure_restores_the_previous_revision_and_reports_both()
    {
        var good = await _world.PushAsync(DeployWorld.Readable, "undo:1", "undo v1");
        var crashing = await _world.PushAsync(DeployWorld.Readable, "undo:2", "undo v2", DeployWorld.Crashing);
        await _world.CreateDeploymentAsync("undo", 2, null, ("undo", good.ToString()));

        var exception = await Assert.ThrowsAsync<RolloutFailedException>(async () =>
            await SetImage.RunAsync(await _world.ContextAsync(), s => s.SetImage(crashing).SetWorkloads("deployment/undo").SetNamespace(DeployWorld.Namespace).EnableRollbackOnFailure()));

        var workload = exception!.Result.Workloads.Single();
        Assert.Multiple(async () =>
        {
            Assert.That(workload.Outcome, Is.EqualTo(RolloutOutcome.RolledBack));
            Assert.That(workload.RestoredImage, Is.EqualTo(good.ToString()));
            Assert.That(exception.Message, Does.Contain("keeps crashing").And.Contain($"RollbackOnFailure restored the previous revision of deployment/undo ({good}, now revision 3); 2/2 replicas are available again."));
            var deployment = await _world.ReadAsync("undo");
            Assert.That(deployment.Spec.Template.Spec.Containers.Single().Image, Is.EqualTo(good.ToString()));
            Assert.That(deployment.Spec.Template.Metadata.Labels.ContainsKey("pod-template-hash"), Is.False);
            Assert.That(await _world.PodImagesAsync("undo", "undo"), Is.EqualTo(new[] { good.ToString() }));
        });
    }
}
