using System.Text.RegularExpressions;
using ArtifactRegistry.Sandbox.Cluster.Store;
using ArtifactRegistry.Sandbox.Tests.Support;
using ArtifactRegistry.Testing.Processes;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Tests.RealClients;

/// <summary>
/// The real kubectl against the sandbox's stateful sets and daemon sets: created from a manifest, rolled out, partitioned,
/// left to OnDelete, listed in history and undone through controller revisions, described. Each test has its own sandbox,
/// HOME and discovery cache; a missing kubectl fails under CI=true.
/// </summary>
public class KubectlWorkloadSetTests
{
    private const string Ns = TestCluster.Namespace;
    private const string Version2 = "asia-docker.pkg.dev/cluster-project/apps/sample-api:2.0.0";
    private TestCluster _cluster = null!;

    [SetUp]
    public async Task Start()
    {
        Testing.Prerequisites.RequireProgram("kubectl");
        _cluster = await TestCluster.StartAsync();
        _cluster.Server.Grant("projects/cluster-project/locations/asia/repositories/apps", "roles/artifactregistry.writer", SandboxServer.MemberOf(SandboxPrincipals.Deployer));
        await _cluster.Sandbox.PushAsync(TestImage.Create("v2"), "cluster-project/apps/sample-api", "2.0.0");
    }

    [TearDown]
    public async Task Stop() => await _cluster.DisposeAsync();

    [Test]
    public async Task A_stateful_set_rolls_out_from_its_highest_ordinal_down_and_rollout_history_and_undo_use_its_controller_revisions()
    {
        await CreateAsync(StatefulSet("db", replicas: 3, strategy: "type: RollingUpdate"));
        var first = await Kubectl("rollout", "status", "statefulset/db", "-n", Ns, "--timeout=60s");
        var names = _cluster.Pods(Ns, "db").Select(p => p.Metadata.Name).Order().ToList();

        await Kubectl("set", "image", "statefulset/db", "-n", Ns, $"db={Version2}", "--record");
        var status = await Kubectl("rollout", "status", "statefulset/db", "-n", Ns, "--timeout=60s");
        var deletions = _cluster.Store.List(ResourceType.Events, Ns).Items.OrderBy(e => e.ResourceVersion).Select(e => e.As<Corev1Event>())
            .Where(e => e.Reason == "SuccessfulDelete" && e.InvolvedObject.Name == "db").Select(e => e.Message).ToList();
        var imagesAfterUpdate = PodImages("db");
        var history = await Kubectl("rollout", "history", "statefulset/db", "-n", Ns);
        var revisions = await Kubectl("get", "controllerrevisions", "-n", Ns);
        var undo = await Kubectl("rollout", "undo", "statefulset/db", "-n", Ns);
        var statusAfterUndo = await Kubectl("rollout", "status", "statefulset/db", "-n", Ns, "--timeout=60s");
        await _cluster.WaitUntilAsync("every pod back on 1.0.0", () => PodImages("db").SequenceEqual([SandboxClusterOptions.SampleImage]) && _cluster.Pods(Ns, "db").Count == 3);
        var listed = await Kubectl("get", "statefulsets", "-n", Ns);
        var described = await Kubectl("describe", "statefulset", "db", "-n", Ns);

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.EqualTo(new[] { "db-0", "db-1", "db-2" }));
            Assert.That(first.StandardOutput, Does.Contain("partitioned roll out complete: 3 new pods have been updated..."));
            Assert.That(status.StandardOutput, Does.Contain("partitioned roll out complete: 3 new pods have been updated..."));
            Assert.That(deletions, Is.EqualTo(new[] { "delete Pod db-2 in StatefulSet db successful", "delete Pod db-1 in StatefulSet db successful", "delete Pod db-0 in StatefulSet db successful" }),
                "replaced one at a time from the highest ordinal");
            Assert.That(imagesAfterUpdate, Is.EqualTo(new[] { Version2 }));
            Assert.That(Lines(history).Skip(1).Select(Squeeze).Take(2), Is.EqualTo(new[] { "REVISION CHANGE-CAUSE", "1 <none>" }));
            Assert.That(Squeeze(Lines(history).Last()), Does.StartWith($"2 kubectl set image statefulset/db db={Version2}"), "the change-cause of the patch that made revision 2");
            Assert.That(Lines(revisions)[0], Does.Match(@"^NAME\s+CONTROLLER\s+REVISION\s+AGE$"));
            Assert.That(Lines(revisions).Skip(1), Has.All.Match(@"^db-[a-z0-9]+\s+statefulset\.apps/db\s+[12]\s+\d+s$").Or.Match(@"^sample-api"));
            Assert.That(undo.StandardOutput, Does.Contain("statefulset.apps/db rolled back"));
            Assert.That(statusAfterUndo.StandardOutput, Does.Contain("partitioned roll out complete: 3 new pods have been updated..."));
            Assert.That(Lines(listed)[0], Does.Match(@"^NAME\s+READY\s+AGE$"));
            Assert.That(Lines(listed)[1], Does.Match(@"^db\s+3/3\s+\d+s$"));
            Assert.That(described.StandardOutput, Does.Match(@"Replicas:\s+3 desired \| 3 total"));
            Assert.That(described.StandardOutput, Does.Match(@"Pods Status:\s+3 Running / 0 Waiting / 0 Succeeded / 0 Failed"));
            Assert.That(described.StandardOutput, Does.Contain("create Pod db-0 in StatefulSet db successful"));
        });
        var set = _cluster.Store.GetRequired(ResourceType.StatefulSets, Ns, "db").As<V1StatefulSet>();
        Assert.That((set.Status.CurrentRevision, set.Status.UpdatedReplicas, set.Status.CurrentReplicas, set.Status.ObservedGeneration),
            Is.EqualTo((set.Status.UpdateRevision, 3, 3, set.Metadata.Generation)), "current revision takes the update's name once the update is complete");
    }

    [Test]
    public async Task A_partition_keeps_the_lower_ordinals_on_the_old_revision_and_OnDelete_waits_for_a_deleted_pod()
    {
        await CreateAsync(StatefulSet("part", replicas: 3, strategy: "type: RollingUpdate\n    rollingUpdate:\n      partition: 2"));
        await CreateAsync(StatefulSet("manual", replicas: 2, strategy: "type: OnDelete"));
        await Kubectl("rollout", "status", "statefulset/part", "-n", Ns, "--timeout=60s");
        await _cluster.WaitUntilAsync("manual's pods ready", () => _cluster.Pods(Ns, "manual").Count(ReadyPod) == 2);

        await Kubectl("set", "image", "statefulset/part", "-n", Ns, $"part={Version2}");
        await Kubectl("set", "image", "statefulset/manual", "-n", Ns, $"manual={Version2}");
        var partitioned = await Kubectl("rollout", "status", "statefulset/part", "-n", Ns, "--timeout=60s");
        var onDelete = await _cluster.KubectlAsync("rollout", "status", "statefulset/manual", "-n", Ns, "--timeout=10s");
        var manualBefore = PodImages("manual");
        // --wait=false: kubectl's wait for the old pod's removal can miss it when the controller recreates the same name at
        // once; what matters here is the recreated pod, waited for below.
        await Kubectl("delete", "pod", "manual-1", "-n", Ns, "--wait=false");
        await _cluster.WaitUntilAsync("manual-1 recreated on the new template", () =>
            _cluster.Pods(Ns, "manual").FirstOrDefault(p => p.Metadata.Name == "manual-1" && p.Metadata.DeletionTimestamp is null) is { } pod && pod.Spec.Containers[0].Image == Version2 && ReadyPod(pod));

        var part = _cluster.Pods(Ns, "part").ToDictionary(p => p.Metadata.Name, p => p.Spec.Containers[0].Image);
        var manual = _cluster.Pods(Ns, "manual").Where(p => p.Metadata.DeletionTimestamp is null).ToDictionary(p => p.Metadata.Name, p => p.Spec.Containers[0].Image);
        Assert.Multiple(() =>
        {
            Assert.That(partitioned.StandardOutput, Does.Contain("partitioned roll out complete: 1 new pods have been updated..."));
            Assert.That(part, Is.EquivalentTo(new Dictionary<string, string> { ["part-0"] = SandboxClusterOptions.SampleImage, ["part-1"] = SandboxClusterOptions.SampleImage, ["part-2"] = Version2 }));
            Assert.That(onDelete.Succeeded, Is.False);
            Assert.That(onDelete.StandardError, Does.Contain("rollout status is only available for RollingUpdate strategy type"));
            Assert.That(manualBefore, Is.EqualTo(new[] { SandboxClusterOptions.SampleImage }), "OnDelete changes no pod by itself");
            Assert.That(manual, Is.EquivalentTo(new Dictionary<string, string> { ["manual-0"] = SandboxClusterOptions.SampleImage, ["manual-1"] = Version2 }));
        });
    }

    [Test]
    public async Task A_daemon_set_runs_one_pod_per_node_rolls_out_and_is_undone_through_its_controller_revisions()
    {
        await CreateAsync(DaemonSet("agent"));
        var first = await Kubectl("rollout", "status", "daemonset/agent", "-n", Ns, "--timeout=60s");
        var nodes = _cluster.Pods(Ns, "agent").Select(p => p.Spec.NodeName).Order().ToList();

        await Kubectl("set", "image", "daemonset/agent", "-n", Ns, $"agent={Version2}", "--record");
        var status = await Kubectl("rollout", "status", "daemonset/agent", "-n", Ns, "--timeout=60s");
        await _cluster.WaitUntilAsync("the old pods gone", () => _cluster.Pods(Ns, "agent").Count == 2);
        var imagesAfterUpdate = PodImages("agent");
        var history = await Kubectl("rollout", "history", "daemonset/agent", "-n", Ns);
        var undo = await Kubectl("rollout", "undo", "daemonset/agent", "-n", Ns);
        var statusAfterUndo = await Kubectl("rollout", "status", "daemonset/agent", "-n", Ns, "--timeout=60s");
        await _cluster.WaitUntilAsync("both pods back on 1.0.0", () => _cluster.Pods(Ns, "agent").Count == 2 && PodImages("agent").SequenceEqual([SandboxClusterOptions.SampleImage]));
        var listed = await Kubectl("get", "daemonsets", "-n", Ns);
        var described = await Kubectl("describe", "daemonset", "agent", "-n", Ns);

        Assert.Multiple(() =>
        {
            Assert.That(nodes, Has.Count.EqualTo(2).And.Unique, "one pod per node");
            Assert.That(first.StandardOutput, Does.Contain("daemon set \"agent\" successfully rolled out"));
            Assert.That(status.StandardOutput, Does.Contain("daemon set \"agent\" successfully rolled out"));
            Assert.That(imagesAfterUpdate, Is.EqualTo(new[] { Version2 }));
            Assert.That(Lines(history).Skip(1).Select(Squeeze).Take(2), Is.EqualTo(new[] { "REVISION CHANGE-CAUSE", "1 <none>" }));
            Assert.That(Squeeze(Lines(history).Last()), Does.StartWith("2 kubectl set image daemonset/agent"));
            Assert.That(undo.StandardOutput, Does.Contain("daemonset.apps/agent rolled back"));
            Assert.That(statusAfterUndo.StandardOutput, Does.Contain("daemon set \"agent\" successfully rolled out"));
            Assert.That(Lines(listed)[0], Does.Match(@"^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE$"));
            Assert.That(Lines(listed)[1], Does.Match(@"^agent\s+2\s+2\s+2\s+2\s+2\s+<none>\s+\d+s$"));
            Assert.That(described.StandardOutput, Does.Match(@"Desired Number of Nodes Scheduled: 2"));
            Assert.That(described.StandardOutput, Does.Match(@"Pods Status:\s+2 Running / 0 Waiting / 0 Succeeded / 0 Failed"));
        });
    }

    private static bool ReadyPod(V1Pod pod) => pod.Status?.Conditions?.Any(c => c is { Type: "Ready", Status: "True" }) == true;

    private IReadOnlyList<string> PodImages(string app) =>
        _cluster.Pods(Ns, app).Where(p => p.Metadata.DeletionTimestamp is null).Select(p => p.Spec.Containers[0].Image).Distinct().ToList();

    private async Task CreateAsync(string manifest)
    {
        var file = _cluster.Directory.Combine($"manifest-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, manifest);
        await Kubectl("create", "-f", file, "--validate=false"); // the sandbox serves no OpenAPI document to validate against
    }

    private static string StatefulSet(string name, int replicas, string strategy) => $"""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: {name}
          namespace: {Ns}
        spec:
          replicas: {replicas}
          serviceName: {name}
          selector:
            matchLabels:
              app: {name}
          updateStrategy:
            {strategy}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: {name}
                image: {SandboxClusterOptions.SampleImage}
        """;

    private static string DaemonSet(string name) => $"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: {name}
          namespace: {Ns}
        spec:
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: {name}
                image: {SandboxClusterOptions.SampleImage}
        """;

    private async Task<CommandResult> Kubectl(params string[] arguments)
    {
        var result = await _cluster.KubectlAsync(arguments);
        Assert.That(result.Succeeded, Is.True, $"{result}: {result.StandardError}");
        return result;
    }

    private static string Squeeze(string line) => Regex.Replace(line.Trim(), @"\s+", " ");

    private static string[] Lines(CommandResult result) => result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
