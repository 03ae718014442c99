using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.InUse;
using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.Rollouts;
using ArtifactRegistry.Sandbox;
using k8s;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>
/// SetImage and the in-use reading while the cluster's API answers 10 % of requests with 503, drops 5 % and throttles 5 %,
/// and ends every watch after 300 ms (so they are resumed all along). One fault of each kind comes first, whatever the
/// seeded draw does next; the assertions hold whichever requests the faults hit, since each call gets eight attempts
/// (a call failing eight times in a row at these shares: about 1 in 400 000).
/// </summary>
public sealed class KubernetesFaultTests
{
    private static readonly SandboxFaultPlan Faults = SandboxFaultPlan.None
        .WithServerErrors(0.10).WithDroppedConnections(0.05).WithThrottling(0.05)
        .WithScope(SandboxFaultScope.Cluster).WithRandomSeed(19);

    private DeployWorld _world = null!;

    [SetUp]
    public async Task StartAsync() => _world = await DeployWorld.StartAsync(SandboxClusterOptions.Default
        .WithSpeed(SandboxClusterSpeed.Fast.WithWatchLimit(TimeSpan.FromMilliseconds(300))));

    [TearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    [Test]
    public async Task A_rollout_under_faults_ends_rolled_out_with_the_digest_and_one_new_revision()
    {
        var before = await _world.PushAsync(DeployWorld.Readable, "steady:1", "steady v1");
        var after = await _world.PushAsync(DeployWorld.Readable, "steady:2", "steady v2");
        await _world.CreateDeploymentAsync("steady", 3, null, ("steady", before.ToString()));
        var timers = new QuickTimers(10);
        var context = (await _world.ContextAsync()).SetTime(timers);

        StartFaults();
        var result = await SetImage.RunAsync(context, s => s.SetImage(after).SetWorkloads("deployment/steady").SetNamespace(DeployWorld.Namespace).SetCommit("f00d"));
        _world.Sandbox.Faults.Clear();

        var workload = result.Workloads.Single();
        var sets = await _world.Admin.AppsV1.ListNamespacedReplicaSetAsync(DeployWorld.Namespace, labelSelector: "app=steady");
        Assert.Multiple(async () =>
        {
            AssertEachFaultInjected();
            Assert.That(workload.Outcome, Is.EqualTo(RolloutOutcome.RolledOut), workload.Failure);
            Assert.That((workload.Image, workload.Revision, workload.AvailableReplicas), Is.EqualTo((after, "2", 3)));
            Assert.That(await _world.PodImagesAsync("steady", "steady"), Is.EqualTo(new[] { after.ToString() }), "every pod runs the pinned digest");
            Assert.That(sets.Items.Select(set => set.Metadata.Annotations[WorkloadObject.RevisionAnnotation]).Order(), Is.EqualTo(new[] { "1", "2" }),
                "a patch sent again made no third revision");
            Assert.That(sets.Items.Count(set => set.Metadata.Annotations.TryGetValue(ChangeCause.Annotation, out var cause) && cause.Contains("commit f00d")), Is.EqualTo(1),
                "one revision carries the change-cause");
            Assert.That(timers.Waits, Does.Contain(TimeSpan.FromSeconds(1)), "the 429's Retry-After (1 s) was waited for");
            Assert.That(_world.Log.Text, Does.Contain("Kubernetes API GET").And.Contain("HTTP 429").And.Contain("HTTP 503"));
        });
    }

    [Test]
    public async Task The_images_in_use_read_under_faults_are_those_read_without()
    {
        var image = await _world.PushAsync(DeployWorld.Readable, "kept:1", "kept v1");
        await _world.CreateDeploymentAsync("kept", 2, null, ("kept", image.ToString()));
        var context = (await _world.ContextAsync()).SetTime(new QuickTimers(10));
        var calm = await ClusterImages.ReadAsync(context, [null]);

        StartFaults();
        var read = await ClusterImages.ReadAsync(context, [null]);
        _world.Sandbox.Faults.Clear();

        Assert.Multiple(() =>
        {
            AssertEachFaultInjected();
            Assert.That(read.IsInUse(image), Is.True);
            Assert.That(read.Uses.Select(use => use.ToString()).Order(), Is.EqualTo(calm.Uses.Select(use => use.ToString()).Order()));
        });
    }

    private void StartFaults()
    {
        _world.Sandbox.Faults.Plan = Faults;
        _world.Sandbox.Faults.FailNext(1, SandboxFault.Throttle, SandboxFaultScope.Cluster);
        _world.Sandbox.Faults.FailNext(1, SandboxFault.Drop, SandboxFaultScope.Cluster);
        _world.Sandbox.Faults.FailNext(1, SandboxFault.ServerError, SandboxFaultScope.Cluster);
    }

    private void AssertEachFaultInjected()
    {
        foreach (var fault in new[] { SandboxFault.Throttle, SandboxFault.Drop, SandboxFault.ServerError })
            Assert.That(_world.Sandbox.Faults.Injected(fault), Is.GreaterThan(0), $"{fault} injected");
    }
}
