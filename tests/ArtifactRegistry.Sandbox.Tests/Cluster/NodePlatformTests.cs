using ArtifactRegistry.Sandbox.Tests.Support;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Tests.Cluster;

/// <summary>
/// Nodes with an architecture: the scheduler honours a pod's <c>kubernetes.io/arch</c> node selector, each node pulls the child
/// of an index for its own platform, and fails as containerd does when the index has none; an image of another architecture
/// is pulled and crash-loops with <c>exec format error</c>.
/// </summary>
public class NodePlatformTests
{
    private const string Repository = "cluster-project/apps/sample-api";
    private const string ImageName = "asia-docker.pkg.dev/" + Repository;
    private const string Amd64Node = "gke-sandbox-default-pool-1a2b3c4d-0m2q";
    private const string Arm64Node = "gke-sandbox-arm-pool-5e6f7a8b-k9rm";

    private TestCluster _cluster = null!;
    private IKubernetes _client = null!;

    [TearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _cluster.DisposeAsync();
    }

    [Test]
    public async Task Nodes_carry_their_architecture_in_labels_and_node_info_amd64_by_default()
    {
        await StartAsync(null);

        var nodes = (await _client.CoreV1.ListNodeAsync()).Items;

        Assert.Multiple(() =>
        {
            Assert.That(nodes, Has.Count.EqualTo(2));
            Assert.That(nodes.Select(n => n.Metadata.Labels["kubernetes.io/arch"]), Is.All.EqualTo("amd64"));
            Assert.That(nodes.Select(n => n.Metadata.Labels["beta.kubernetes.io/arch"]), Is.All.EqualTo("amd64"));
            Assert.That(nodes.Select(n => n.Metadata.Labels["kubernetes.io/os"]), Is.All.EqualTo("linux"));
            Assert.That(nodes.Select(n => n.Status.NodeInfo.Architecture), Is.All.EqualTo("amd64"));
            Assert.That(nodes.Select(n => n.Status.NodeInfo.OperatingSystem), Is.All.EqualTo("linux"));
            Assert.That(nodes.Select(n => n.Metadata.Name), Is.EquivalentTo(_cluster.Pods().Select(p => p.Spec.NodeName)), "the seeded pods run on the listed nodes");
        });
    }

    [Test]
    public async Task The_GKE_API_lists_a_node_pool_per_pool_the_nodes_belong_to()
    {
        await StartAsync([new SandboxClusterNode(Amd64Node), new SandboxClusterNode(Arm64Node, "arm64", Pool: "arm-pool")]);

        var cluster = await _cluster.Sandbox.GetAsync("v1/projects/cluster-project/locations/asia-northeast1/clusters/sandbox", SandboxPrincipals.Deployer);

        var pools = cluster.Json["nodePools"]!.AsArray().Select(p => (Name: p!["name"]!.GetValue<string>(), Count: p["initialNodeCount"]!.GetValue<int>(),
            Machine: p["config"]!["machineType"]!.GetValue<string>(), Account: p["config"]!["serviceAccount"]!.GetValue<string>())).ToList();
        Assert.That(pools, Is.EquivalentTo(new[]
        {
            ("default-pool", 1, "e2-medium", SandboxPrincipals.GkeNodes),
            ("arm-pool", 1, "t2a-standard-2", SandboxPrincipals.GkeNodes),
        }));
    }

    [Test]
    public async Task An_index_without_the_nodes_platform_fails_with_containerds_no_match_message_then_backs_off()
    {
        await StartAsync([new SandboxClusterNode(Arm64Node, "arm64", Pool: "arm-pool")]);
        await _cluster.Sandbox.PushIndexAsync(Repository, "amd64-only", "no arm", "amd64");
        const string image = ImageName + ":amd64-only";
        await TestCluster.SetImageAsync(_client, image);

        var pulling = await _cluster.WaitForAsync("ErrImagePull", () => _cluster.ContainerStateOf(image)?.Waiting is { Reason: "ErrImagePull" } w ? w : null);
        var backOff = await _cluster.WaitForAsync("ImagePullBackOff", () => _cluster.ContainerStateOf(image)?.Waiting is { Reason: "ImagePullBackOff" } w ? w : null);
        var failed = _cluster.Events().First(e => e.Reason == "Failed" && e.Message.StartsWith($"Failed to pull image \"{image}\"", StringComparison.Ordinal));

        const string containerd = $"rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": no match for platform in manifest: not found";
        Assert.Multiple(() =>
        {
            Assert.That(pulling.Message, Is.EqualTo(containerd));
            Assert.That(failed.Message, Is.EqualTo($"Failed to pull image \"{image}\": {containerd}"));
            Assert.That(failed.Source.Host, Is.EqualTo(Arm64Node));
            Assert.That(backOff.Message, Is.EqualTo($"Back-off pulling image \"{image}\""));
        });
    }

    [Test]
    public async Task A_two_platform_index_runs_on_a_mixed_cluster_with_each_node_pulling_its_own_platforms_image()
    {
        await StartAsync([new SandboxClusterNode(Amd64Node), new SandboxClusterNode(Arm64Node, "arm64", Pool: "arm-pool")]);
        var (index, images) = await _cluster.Sandbox.PushIndexAsync(Repository, "multi", "both", "amd64", "arm64");
        const string image = ImageName + ":multi";
        await CreateDaemonSetAsync("agent", image);

        await _cluster.WaitUntilAsync("an agent running on each node", () =>
            _cluster.Pods(app: "agent").Count(p => p.Status?.ContainerStatuses?[0].Ready == true) == 2);
        var pods = _cluster.Pods(app: "agent");
        var logs = new Dictionary<string, string>();
        foreach (var pod in pods)
        {
            using var log = await _client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, TestCluster.Namespace);
            logs[pod.Spec.NodeName] = await new StreamReader(log).ReadToEndAsync();
        }

        Assert.Multiple(() =>
        {
            Assert.That(pods.Select(p => p.Spec.NodeName), Is.EquivalentTo(new[] { Amd64Node, Arm64Node }));
            Assert.That(pods.Select(p => p.Status.ContainerStatuses[0].ImageID), Is.All.EqualTo($"{ImageName}@{index}"), "containerd reports the digest the reference resolved to: the index's");
            Assert.That(logs[Amd64Node], Does.Contain("image platform linux/amd64"));
            Assert.That(logs[Arm64Node], Does.Contain("image platform linux/arm64"));
            Assert.That(images.Select(i => i.Digest), Is.Unique);
        });
    }

    [Test]
    public async Task A_pod_selecting_an_architecture_lands_on_its_nodes_and_one_no_node_has_stays_pending_with_FailedScheduling()
    {
        await StartAsync([new SandboxClusterNode(Amd64Node), new SandboxClusterNode(Arm64Node, "arm64", Pool: "arm-pool")]);

        await CreatePodAsync("on-arm", "arm64");
        await CreatePodAsync("on-s390x", "s390x");
        var placed = await _cluster.WaitForAsync("the arm64 pod bound", () => Pod("on-arm") is { Spec.NodeName: not null } p ? p : null);
        var pending = await _cluster.WaitForAsync("the s390x pod refused", () =>
            Pod("on-s390x")?.Status?.Conditions?.FirstOrDefault(c => c is { Type: "PodScheduled", Status: "False" }));
        var failedScheduling = _cluster.Events().Single(e => e.Reason == "FailedScheduling");

        const string message = "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. " +
                               "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.";
        Assert.Multiple(() =>
        {
            Assert.That(placed.Spec.NodeName, Is.EqualTo(Arm64Node));
            Assert.That(pending.Reason, Is.EqualTo("Unschedulable"));
            Assert.That(pending.Message, Is.EqualTo(message));
            Assert.That(Pod("on-s390x")!.Spec.NodeName, Is.Null);
            Assert.That(Pod("on-s390x")!.Status.Phase, Is.EqualTo("Pending"));
            Assert.That(failedScheduling.Type, Is.EqualTo("Warning"));
            Assert.That(failedScheduling.Message, Is.EqualTo(message));
            Assert.That(failedScheduling.Source.Component, Is.EqualTo("default-scheduler"));
            Assert.That(failedScheduling.InvolvedObject.Name, Is.EqualTo("on-s390x"));
        });
    }

    [Test]
    public async Task A_daemon_set_selecting_arm64_runs_only_on_the_arm64_nodes()
    {
        await StartAsync([new SandboxClusterNode(Amd64Node), new SandboxClusterNode(Arm64Node, "arm64", Pool: "arm-pool")]);
        await _cluster.Sandbox.PushIndexAsync(Repository, "multi", "ds", "amd64", "arm64");

        await CreateDaemonSetAsync("arm-agent", ImageName + ":multi", new Dictionary<string, string> { ["kubernetes.io/arch"] = "arm64" });
        await _cluster.WaitUntilAsync("the arm agent ready", () => _cluster.Pods(app: "arm-agent").Any(p => p.Status?.ContainerStatuses?[0].Ready == true));
        var set = await _client.AppsV1.ReadNamespacedDaemonSetAsync("arm-agent", TestCluster.Namespace);

        Assert.Multiple(() =>
        {
            Assert.That(_cluster.Pods(app: "arm-agent").Select(p => p.Spec.NodeName), Is.EqualTo(new[] { Arm64Node }));
            Assert.That(set.Status.DesiredNumberScheduled, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_single_image_of_another_architecture_is_pulled_and_crash_loops_with_exec_format_error()
    {
        await StartAsync([new SandboxClusterNode(Arm64Node, "arm64", Pool: "arm-pool")]);
        var pushed = await _cluster.Sandbox.PushAsync(TestImage.Create("amd64 binary", TestImage.OciManifest, "amd64", entrypoint: "/app"), Repository, "amd64-single");
        const string image = ImageName + ":amd64-single";
        await TestCluster.SetImageAsync(_client, image);

        var pod = await _cluster.WaitForAsync("a crash loop", () =>
            _cluster.Pods().FirstOrDefault(p => p.Spec.Containers[0].Image == image && p.Status?.ContainerStatuses?[0] is { RestartCount: >= 1, State.Waiting.Reason: "CrashLoopBackOff" }));
        var status = pod.Status.ContainerStatuses[0];
        using var previous = await _client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, TestCluster.Namespace, "sample-api", previous: true);
        var log = await new StreamReader(previous).ReadToEndAsync();

        Assert.Multiple(() =>
        {
            Assert.That(status.ImageID, Is.EqualTo($"{ImageName}@{pushed.Digest}"), "pulled: containerd does not check a single image's platform");
            Assert.That(log, Is.EqualTo("exec /app: exec format error\n"));
            Assert.That(status.LastState.Terminated.ExitCode, Is.EqualTo(255));
            Assert.That(status.LastState.Terminated.Reason, Is.EqualTo("Error"));
        });
    }

    private async Task StartAsync(SandboxClusterNode[]? nodes)
    {
        _cluster = await TestCluster.StartAsync(nodes is null ? null : SandboxClusterOptions.Default.WithNodes(nodes));
        _client = await _cluster.ClientAsync();
        _cluster.Server.Grant("projects/cluster-project/locations/asia/repositories/apps", "roles/artifactregistry.writer", SandboxServer.MemberOf(SandboxPrincipals.Deployer));
    }

    private V1Pod? Pod(string name) => _cluster.Pods(app: null).FirstOrDefault(p => p.Metadata.Name == name);

    private Task<V1Pod> CreatePodAsync(string name, string architecture) =>
        _client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec
            {
                NodeSelector = new Dictionary<string, string> { ["kubernetes.io/arch"] = architecture },
                Containers = [new V1Container { Name = "app", Image = SandboxClusterOptions.SampleImage }],
            },
        }, TestCluster.Namespace);

    private Task<V1DaemonSet> CreateDaemonSetAsync(string name, string image, IDictionary<string, string>? nodeSelector = null) =>
        _client.AppsV1.CreateNamespacedDaemonSetAsync(new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                    Spec = new V1PodSpec { NodeSelector = nodeSelector, Containers = [new V1Container { Name = name, Image = image }] },
                },
            },
        }, TestCluster.Namespace);
}
