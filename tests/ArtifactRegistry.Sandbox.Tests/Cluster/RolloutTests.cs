using ArtifactRegistry.Sandbox.Tests.Support;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Tests.Cluster;

/// <summary>The deployment controller as kubectl and SetImage rely on it: generations, replica sets, revisions, conditions.</summary>
public class RolloutTests
{
    private const string SeedImage = SandboxClusterOptions.SampleImage;
    private TestCluster _cluster = null!;
    private IKubernetes _client = null!;

    [SetUp]
    public async Task Start()
    {
        _cluster = await TestCluster.StartAsync();
        _cluster.Server.Grant("projects/cluster-project/locations/asia/repositories/apps", "roles/artifactregistry.writer", SandboxServer.MemberOf(SandboxPrincipals.Deployer));
        _client = await _cluster.ClientAsync();
    }

    [TearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _cluster.DisposeAsync();
    }

    [Test]
    public async Task A_new_image_bumps_the_generation_and_rolls_pods_over_to_a_new_replica_set_keeping_the_old_one_at_zero()
    {
        var image = await PushAsync("rollout-v2");

        var patched = await SetImageAsync(image);
        await _cluster.WaitUntilAsync("the rollout of the new image", () => _cluster.RolledOut());

        var deployment = _cluster.GetDeployment();
        var sets = _cluster.ReplicaSets().OrderBy(r => r.Metadata.Annotations["deployment.kubernetes.io/revision"]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(patched.Metadata.Generation, Is.EqualTo(2));
            Assert.That(deployment.Status.ObservedGeneration, Is.EqualTo(2));
            Assert.That(deployment.Metadata.Annotations["deployment.kubernetes.io/revision"], Is.EqualTo("2"));
            Assert.That(sets.Select(r => (r.Spec.Replicas, r.Spec.Template.Spec.Containers[0].Image)), Is.EqualTo(new[] { ((int?)0, SeedImage), (2, image) }));
            Assert.That(sets.Select(r => r.Metadata.OwnerReferences.Single().Uid), Has.All.EqualTo(deployment.Metadata.Uid));
            Assert.That(sets[1].Metadata.Name, Is.EqualTo("sample-api-" + sets[1].Metadata.Labels["pod-template-hash"]));
            Assert.That(_cluster.Pods().Where(p => p.Metadata.DeletionTimestamp is null).Select(p => p.Spec.Containers[0].Image), Is.EqualTo(new[] { image, image }),
                "the old pods may still be terminating, as on a real cluster");
            Assert.That(deployment.Status.Conditions.Single(c => c.Type == "Progressing").Reason, Is.EqualTo("NewReplicaSetAvailable"));
        });
    }

    [Test]
    public async Task Never_more_than_max_surge_extra_pods_nor_fewer_than_max_unavailable_allow_while_rolling()
    {
        var image = await PushAsync("surge");
        var counts = new List<(int Total, int Available)>();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var pods = _cluster.Pods().Where(p => p.Metadata.DeletionTimestamp is null).ToList();
                counts.Add((pods.Count, pods.Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)));
                await Task.Delay(1);
            }
        });

        await SetImageAsync(image);
        await _cluster.WaitUntilAsync("the rollout", () => _cluster.RolledOut());
        await sampling.CancelAsync();
        await sampler;

        // 2 replicas at 25 %: maxSurge rounds up to 1, maxUnavailable down to 0.
        Assert.Multiple(() =>
        {
            Assert.That(counts.Max(c => c.Total), Is.LessThanOrEqualTo(3));
            Assert.That(counts.Min(c => c.Available), Is.GreaterThanOrEqualTo(2));
        });
    }

    [Test]
    public async Task Going_back_to_an_earlier_template_reuses_its_replica_set_with_the_next_revision()
    {
        var image = await PushAsync("back-and-forth");
        await SetImageAsync(image);
        await _cluster.WaitUntilAsync("the rollout of v2", () => _cluster.RolledOut());
        var first = _cluster.ReplicaSets().Single(r => r.Spec.Template.Spec.Containers[0].Image == SeedImage);

        await SetImageAsync(SeedImage);
        await _cluster.WaitUntilAsync("the rollout back to v1", () => _cluster.RolledOut() && _cluster.GetDeployment().Metadata.Generation == 3);

        var reused = _cluster.ReplicaSets().Single(r => r.Spec.Template.Spec.Containers[0].Image == SeedImage);
        Assert.Multiple(() =>
        {
            Assert.That(reused.Metadata.Uid, Is.EqualTo(first.Metadata.Uid));
            Assert.That(reused.Metadata.Annotations["deployment.kubernetes.io/revision"], Is.EqualTo("3"));
            Assert.That(reused.Metadata.Annotations["deployment.kubernetes.io/revision-history"], Is.EqualTo("1"));
            Assert.That(_cluster.ReplicaSets(), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Old_replica_sets_beyond_the_revision_history_limit_are_deleted()
    {
        await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"revisionHistoryLimit":1}}""", V1Patch.PatchType.MergePatch), TestCluster.Deployment, TestCluster.Namespace);
        foreach (var version in new[] { "history-a", "history-b", "history-c" })
        {
            await SetImageAsync(await PushAsync(version));
            await _cluster.WaitUntilAsync("the rollout of " + version, () => _cluster.RolledOut() && _cluster.ReplicaSets().Count <= 2);
        }

        var sets = _cluster.ReplicaSets();
        Assert.Multiple(() =>
        {
            Assert.That(sets.Select(r => r.Metadata.Annotations["deployment.kubernetes.io/revision"]).Order(), Is.EqualTo(new[] { "3", "4" }));
            Assert.That(sets.Single(r => r.Spec.Replicas == 0).Spec.Template.Spec.Containers[0].Image, Does.EndWith(":history-b"));
        });
    }

    [Test]
    public async Task Metadata_changes_keep_the_generation_and_the_change_cause_reaches_the_new_replica_set()
    {
        var annotated = await _client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"metadata":{"annotations":{"kubernetes.io/change-cause":"deploy v2"}}}""", V1Patch.PatchType.MergePatch), TestCluster.Deployment, TestCluster.Namespace);
        var image = await PushAsync("cause");
        await SetImageAsync(image);
        await _cluster.WaitUntilAsync("the rollout", () => _cluster.RolledOut());

        Assert.Multiple(() =>
        {
            Assert.That(annotated.Metadata.Generation, Is.EqualTo(1));
            Assert.That(_cluster.ReplicaSets().Single(r => r.Spec.Replicas == 2).Metadata.Annotations["kubernetes.io/change-cause"], Is.EqualTo("deploy v2"));
        });
    }

    [Test]
    public async Task A_rollout_that_cannot_progress_reports_ProgressDeadlineExceeded()
    {
        await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"progressDeadlineSeconds":1}}""", V1Patch.PatchType.MergePatch), TestCluster.Deployment, TestCluster.Namespace);

        await SetImageAsync("asia-docker.pkg.dev/cluster-project/apps/sample-api:missing");
        var condition = await _cluster.WaitForAsync("the progress deadline", () =>
            _cluster.GetDeployment().Status?.Conditions?.FirstOrDefault(c => c is { Type: "Progressing", Reason: "ProgressDeadlineExceeded" }));

        Assert.Multiple(() =>
        {
            Assert.That(condition.Status, Is.EqualTo("False"));
            Assert.That(condition.Message, Does.Match("^ReplicaSet \"sample-api-[a-z0-9]+\" has timed out progressing.$"));
            Assert.That(_cluster.GetDeployment().Status.AvailableReplicas, Is.EqualTo(2), "the old pods keep serving");
        });
    }

    [Test]
    public async Task The_status_subresource_changes_status_only_and_the_main_resource_ignores_status()
    {
        await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"status":{"replicas":7},"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch),
            TestCluster.Deployment, TestCluster.Namespace);
        var afterMain = _cluster.GetDeployment();
        await _client.AppsV1.PatchNamespacedDeploymentStatusAsync(new V1Patch("""{"status":{"observedGeneration":99},"metadata":{"labels":{"z":"w"}}}""", V1Patch.PatchType.MergePatch),
            TestCluster.Deployment, TestCluster.Namespace);
        var afterStatus = _cluster.GetDeployment();

        Assert.Multiple(() =>
        {
            Assert.That(afterMain.Status.Replicas, Is.EqualTo(2));
            Assert.That(afterMain.Metadata.Labels["x"], Is.EqualTo("y"));
            Assert.That(afterStatus.Metadata.Labels.ContainsKey("z"), Is.False);
        });
    }

    [Test]
    public async Task A_put_replaces_the_spec_and_a_stale_resourceVersion_is_refused_with_409()
    {
        var current = await _client.AppsV1.ReadNamespacedDeploymentAsync(TestCluster.Deployment, TestCluster.Namespace);
        current.Spec.Template.Metadata.Annotations = new Dictionary<string, string> { ["restarted"] = "1" };

        var replaced = await _client.AppsV1.ReplaceNamespacedDeploymentAsync(current, TestCluster.Deployment, TestCluster.Namespace);
        var stale = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() =>
            _client.AppsV1.ReplaceNamespacedDeploymentAsync(current, TestCluster.Deployment, TestCluster.Namespace));

        Assert.Multiple(() =>
        {
            Assert.That(replaced.Metadata.Generation, Is.EqualTo(2));
            Assert.That(stale!.Response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Conflict));
            Assert.That(stale.Response.Content, Does.Contain(
                "Operation cannot be fulfilled on deployments.apps \\\"sample-api\\\": the object has been modified; please apply your changes to the latest version and try again"));
        });
    }

    [Test]
    public async Task The_Recreate_strategy_removes_every_old_pod_before_the_first_new_one_is_created()
    {
        await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"strategy":{"type":"Recreate","rollingUpdate":null}}}""", V1Patch.PatchType.MergePatch),
            TestCluster.Deployment, TestCluster.Namespace);
        var oldPods = _cluster.Pods().Select(p => p.Metadata.Name).ToHashSet();
        var image = await PushAsync("recreate");
        var overlap = false;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var pods = _cluster.Pods();
                overlap |= pods.Any(p => oldPods.Contains(p.Metadata.Name)) && pods.Any(p => !oldPods.Contains(p.Metadata.Name));
                await Task.Delay(1);
            }
        });

        await SetImageAsync(image);
        await _cluster.WaitUntilAsync("the recreated rollout", () => _cluster.RolledOut() && _cluster.Pods().All(p => !oldPods.Contains(p.Metadata.Name)));
        await sampling.CancelAsync();
        await sampler;

        Assert.That(overlap, Is.False, "old and new pods never exist together");
    }

    private async Task<V1Deployment> SetImageAsync(string image) =>
        await _client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"sample-api"}],"containers":[{"image":"IMAGE","name":"sample-api"}]}}}}""".Replace("IMAGE", image, StringComparison.Ordinal),
                V1Patch.PatchType.StrategicMergePatch),
            TestCluster.Deployment, TestCluster.Namespace, fieldManager: "kubectl-set");

    /// <summary>Pushes an image the node account may pull (the cluster project's own repository) and returns its reference.</summary>
    private async Task<string> PushAsync(string tag)
    {
        await _cluster.Sandbox.PushAsync(TestImage.Create(tag), "cluster-project/apps/sample-api", tag);
        return "asia-docker.pkg.dev/cluster-project/apps/sample-api:" + tag;
    }
}
