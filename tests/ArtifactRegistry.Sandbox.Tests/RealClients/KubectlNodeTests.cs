using ArtifactRegistry.Sandbox.Tests.Support;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Sandbox.Tests.RealClients;

/// <summary>
/// The real kubectl reading the sandbox cluster's nodes: the server's columns, the architecture label as a column
/// (<c>-L kubernetes.io/arch</c>), a label selector on it, and the node info; and a pod no node fits, as describe tells it.
/// A missing kubectl fails under CI=true.
/// </summary>
public class KubectlNodeTests
{
    private const string Amd64Node = "gke-sandbox-default-pool-1a2b3c4d-0m2q";
    private const string Arm64Node = "gke-sandbox-arm-pool-5e6f7a8b-k9rm";
    private TestCluster _cluster = null!;

    [OneTimeSetUp]
    public void RequireKubectl() => Testing.Prerequisites.RequireProgram("kubectl");

    [SetUp]
    public async Task Start() => _cluster = await TestCluster.StartAsync(SandboxClusterOptions.Default.WithNodes(
        new SandboxClusterNode(Amd64Node), new SandboxClusterNode(Arm64Node, "arm64", Pool: "arm-pool")));

    [TearDown]
    public async Task Stop() => await _cluster.DisposeAsync();

    [Test]
    public async Task Get_nodes_shows_each_nodes_architecture_as_a_label_column_and_selects_by_it()
    {
        var labelled = await _cluster.KubectlAsync("get", "nodes", "-L", "kubernetes.io/arch");
        var arm = await _cluster.KubectlAsync("get", "nodes", "-l", "kubernetes.io/arch=arm64", "-o", "name");
        var wide = await _cluster.KubectlAsync("get", "nodes", "-o", "wide");
        var info = await _cluster.KubectlAsync("get", "node", Arm64Node, "-o", "jsonpath={.status.nodeInfo.operatingSystem}/{.status.nodeInfo.architecture}");

        Assert.Multiple(() =>
        {
            Assert.That(labelled.Succeeded, Is.True, labelled.StandardError);
            Assert.That(Lines(labelled)[0], Does.Match(@"^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+ARCH$"));
            Assert.That(Lines(labelled).Skip(1).Select(Normalized), Is.EqualTo(new[]
            {
                $"{Arm64Node} Ready <none> AGE v1.32.4-gke.1415000 arm64",
                $"{Amd64Node} Ready <none> AGE v1.32.4-gke.1415000 amd64",
            }), "nodes listed by name");
            Assert.That(arm.StandardOutput.Trim(), Is.EqualTo($"node/{Arm64Node}"));
            Assert.That(Lines(wide)[0], Does.Match(@"^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME$"));
            Assert.That(Lines(wide)[1], Does.Match($@"^{Arm64Node}\s+Ready\s+<none>\s+\d+s\s+v1\.32\.4-gke\.1415000\s+10\.146\.0\.3\s+<none>\s+Container-Optimized OS from Google\s+\S+\s+containerd://"));
            Assert.That(info.StandardOutput, Is.EqualTo("linux/arm64"));
        });
    }

    [Test]
    public async Task Describe_tells_why_a_pod_selecting_an_architecture_no_node_has_is_pending()
    {
        var created = await _cluster.KubectlAsync("run", "mainframe", "-n", "sample-namespace", "--image", SandboxClusterOptions.SampleImage,
            "--overrides", """{"spec":{"nodeSelector":{"kubernetes.io/arch":"s390x"}}}""");
        await _cluster.WaitUntilAsync("the pod refused by the scheduler", () =>
            _cluster.Pods(app: null).Any(p => p.Metadata.Name == "mainframe" && p.Status?.Conditions?.Any(c => c.Reason == "Unschedulable") == true));
        var pods = await _cluster.KubectlAsync("get", "pod", "mainframe", "-n", "sample-namespace");
        var described = await _cluster.KubectlAsync("describe", "pod", "mainframe", "-n", "sample-namespace");

        Assert.Multiple(() =>
        {
            Assert.That(created.Succeeded, Is.True, created.StandardError);
            Assert.That(Lines(pods)[1], Does.Match(@"^mainframe\s+0/1\s+Pending\s+0\s+\d+s$"));
            Assert.That(described.StandardOutput, Does.Match(@"Node-Selectors:\s+kubernetes\.io/arch=s390x"));
            Assert.That(described.StandardOutput, Does.Match(
                @"Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0/2 nodes are available: 2 node\(s\) didn't match Pod's node affinity/selector\. " +
                @"preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling\."));
        });
    }

    /// <summary>A table row with single spaces and its age as <c>AGE</c>.</summary>
    private static string Normalized(string row) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(row, @"\s+", " "), @" \d+s ", " AGE ");

    private static string[] Lines(CommandResult result) => result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
