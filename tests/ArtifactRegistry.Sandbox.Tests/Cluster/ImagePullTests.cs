using System.Text;
using ArtifactRegistry.Sandbox.Tests.Support;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Tests.Cluster;

/// <summary>
/// The simulated kubelet pulling from the sandbox registry as the node pool's account: GKE's pull failures and back-off,
/// recovery after a grant, and the image labels that make a container crash or start slowly.
/// </summary>
public class ImagePullTests
{
    private TestCluster _cluster = null!;
    private IKubernetes _client = null!;

    [SetUp]
    public async Task Start()
    {
        _cluster = await TestCluster.StartAsync();
        _client = await _cluster.ClientAsync();
    }

    [TearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _cluster.DisposeAsync();
    }

    [Test]
    public async Task A_pull_from_another_project_backs_off_with_the_403_until_the_node_account_is_granted_reader()
    {
        await _cluster.Sandbox.PushAsync("cross-project");
        const string image = "asia-docker.pkg.dev/sample-project/sample/sample-api:latest";
        await TestCluster.SetImageAsync(_client, image);

        var waiting = await _cluster.WaitForAsync("ImagePullBackOff", () => _cluster.ContainerStateOf(image)?.Waiting is { Reason: "ImagePullBackOff" } w ? w : null);
        var failed = _cluster.Events().First(e => e.Reason == "Failed" && e.Message.StartsWith("Failed to pull image", StringComparison.Ordinal));
        _cluster.Server.Grant(TestCluster.CrossProjectRepository, "roles/artifactregistry.reader", SandboxServer.MemberOf(SandboxPrincipals.GkeNodes));
        await _cluster.WaitUntilAsync("the rollout after the grant", () => _cluster.RolledOut());

        Assert.Multiple(() =>
        {
            Assert.That(waiting.Message, Is.EqualTo($"Back-off pulling image \"{image}\""));
            Assert.That(failed.Type, Is.EqualTo("Warning"));
            Assert.That(failed.Message, Is.EqualTo(
                $"Failed to pull image \"{image}\": rpc error: code = Unknown desc = failed to pull and unpack image \"{image}\": failed to resolve reference \"{image}\": " +
                "failed to authorize: failed to fetch oauth token: unexpected status from GET request to " +
                "https://asia-docker.pkg.dev/v2/token?scope=repository%3Asample-project%2Fsample%2Fsample-api%3Apull&service=asia-docker.pkg.dev: 403 Forbidden: " +
                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"Permission \\\"artifactregistry.repositories.downloadArtifacts\\\" denied on resource " +
                "\\\"projects/sample-project/locations/asia/repositories/sample\\\" (or it may not exist)\"}]}"));
            Assert.That(_cluster.Events().Select(e => e.Reason), Is.SupersetOf(new[] { "Pulling", "Failed", "BackOff", "Pulled", "Started" }));
            Assert.That(_cluster.Pods().Where(p => p.Metadata.DeletionTimestamp is null).Select(p => p.Status.ContainerStatuses[0].ImageID),
                Has.All.StartWith("asia-docker.pkg.dev/sample-project/sample/sample-api@sha256:"));
        });
    }

    [Test]
    public async Task A_missing_tag_shows_ErrImagePull_with_containerds_not_found_message()
    {
        await _cluster.Sandbox.PushAsync("exists");
        _cluster.Server.Grant(TestCluster.CrossProjectRepository, "roles/artifactregistry.reader", SandboxServer.MemberOf(SandboxPrincipals.GkeNodes));
        const string image = "asia-docker.pkg.dev/sample-project/sample/sample-api:no-such-tag";
        await TestCluster.SetImageAsync(_client, image);

        var waiting = await _cluster.WaitForAsync("ErrImagePull", () => _cluster.ContainerStateOf(image)?.Waiting is { Reason: "ErrImagePull" } w ? w : null);

        Assert.That(waiting.Message, Is.EqualTo(
            $"rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": failed to resolve reference \"{image}\": {image}: not found"));
    }

    [Test]
    public async Task An_image_labelled_to_crash_loops_with_a_growing_restart_count_and_logs_of_the_previous_instance()
    {
        var image = await PushAsync("crasher", new Dictionary<string, string> { ["sandbox.crash"] = "true", ["sandbox.exit-code"] = "3" });
        await TestCluster.SetImageAsync(_client, image);

        var pod = await _cluster.WaitForAsync("a restarted crash loop", () =>
            _cluster.Pods().FirstOrDefault(p => p.Spec.Containers[0].Image == image && p.Status?.ContainerStatuses?[0] is { RestartCount: >= 1, State.Waiting.Reason: "CrashLoopBackOff" }));
        var status = pod.Status.ContainerStatuses[0];
        using var previous = await _client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, TestCluster.Namespace, "sample-api", previous: true);
        var log = await new StreamReader(previous, Encoding.UTF8).ReadToEndAsync();

        Assert.Multiple(() =>
        {
            Assert.That(status.LastState.Terminated.ExitCode, Is.EqualTo(3));
            Assert.That(status.LastState.Terminated.Reason, Is.EqualTo("Error"));
            Assert.That(status.State.Waiting.Message, Does.StartWith("back-off ").And.Contain($"restarting failed container=sample-api pod={pod.Metadata.Name}_sample-namespace("));
            Assert.That(log, Does.Contain("sandbox.crash=true, so the container exits with code 3"));
            Assert.That(_cluster.Events().Any(e => e.Reason == "BackOff" && e.Message.StartsWith("Back-off restarting failed container sample-api in pod", StringComparison.Ordinal)), Is.True);
        });
    }

    [Test]
    public async Task A_slow_starting_image_is_running_but_not_ready_until_its_start_delay_has_passed()
    {
        var image = await PushAsync("slow", new Dictionary<string, string> { ["sandbox.start-delay"] = "1s" });
        var sincePatch = System.Diagnostics.Stopwatch.StartNew();
        await TestCluster.SetImageAsync(_client, image);

        var running = await _cluster.WaitForAsync("a running container", () =>
            _cluster.Pods().FirstOrDefault(p => p.Spec.Containers[0].Image == image && p.Status?.ContainerStatuses?[0].State?.Running is not null));
        await _cluster.WaitUntilAsync("the new pod's readiness", () =>
            _cluster.Pods().Any(p => p.Metadata.Name == running.Metadata.Name && p.Status.ContainerStatuses[0].Ready));
        var untilReady = sincePatch.Elapsed;

        Assert.Multiple(() =>
        {
            Assert.That(running.Status.ContainerStatuses[0].Ready, Is.False, "running, not yet ready");
            Assert.That(untilReady, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)), "readiness comes no sooner than the start delay after the change");
        });
    }

    [Test]
    public async Task Logs_honour_tailLines_and_refuse_a_container_still_waiting()
    {
        var pod = _cluster.Pods().First();
        using var tail = await _client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, TestCluster.Namespace, tailLines: 1);
        var lastLine = await new StreamReader(tail).ReadToEndAsync();
        await TestCluster.SetImageAsync(_client, "asia-docker.pkg.dev/sample-project/sample/sample-api:latest");
        var waiting = await _cluster.WaitForAsync("a pod that cannot pull", () =>
            _cluster.Pods().FirstOrDefault(p => p.Status?.ContainerStatuses?[0].State?.Waiting?.Reason == "ImagePullBackOff"));
        var refused = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => _client.CoreV1.ReadNamespacedPodLogAsync(waiting.Metadata.Name, TestCluster.Namespace));

        Assert.Multiple(() =>
        {
            Assert.That(lastLine, Is.EqualTo("sandbox: container sample-api is ready\n"));
            Assert.That(refused!.Response.Content, Does.Contain($"container \\\"sample-api\\\" in pod \\\"{waiting.Metadata.Name}\\\" is waiting to start: trying and failing to pull image"));
        });
    }

    private async Task<string> PushAsync(string tag, IReadOnlyDictionary<string, string> labels)
    {
        _cluster.Server.Grant("projects/cluster-project/locations/asia/repositories/apps", "roles/artifactregistry.writer", SandboxServer.MemberOf(SandboxPrincipals.Deployer));
        await _cluster.Sandbox.PushAsync(TestImage.Create(tag, labels: labels), "cluster-project/apps/sample-api", tag);
        return "asia-docker.pkg.dev/cluster-project/apps/sample-api:" + tag;
    }
}
