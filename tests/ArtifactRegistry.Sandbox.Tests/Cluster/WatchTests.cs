using System.Net;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Tests.Support;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Tests.Cluster;

/// <summary>Watches as kubectl's rollout status and KubernetesClient use them: resume from a resourceVersion, bookmarks, expiry, timeouts.</summary>
public class WatchTests
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
    public async Task A_watch_from_a_lists_resourceVersion_sees_every_later_change_in_order_until_the_rollout_completes()
    {
        var listed = await _client.AppsV1.ListNamespacedDeploymentAsync(TestCluster.Namespace, fieldSelector: "metadata.name=sample-api");
        await _client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), TestCluster.Deployment, TestCluster.Namespace);

        var seen = new List<(WatchEventType Type, long Version, int? Available)>();
        await foreach (var (type, deployment) in _client.AppsV1.WatchListNamespacedDeploymentAsync(TestCluster.Namespace,
                           fieldSelector: "metadata.name=sample-api", resourceVersion: listed.Metadata.ResourceVersion, timeoutSeconds: 60))
        {
            seen.Add((type, long.Parse(deployment.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture), deployment.Status?.AvailableReplicas));
            if (deployment.Status?.AvailableReplicas == 3 && deployment.Status.ObservedGeneration == deployment.Metadata.Generation)
                break;
        }

        Assert.Multiple(() =>
        {
            Assert.That(seen.Select(s => s.Type), Has.All.EqualTo(WatchEventType.Modified));
            Assert.That(seen.Select(s => s.Version), Is.Ordered.Ascending);
            Assert.That(seen[0].Version, Is.GreaterThan(long.Parse(listed.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(seen[^1].Available, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task A_watch_without_a_resourceVersion_starts_with_the_current_objects_as_ADDED()
    {
        var added = new List<string>();
        await foreach (var (type, pod) in _client.CoreV1.WatchListNamespacedPodAsync(TestCluster.Namespace, timeoutSeconds: 60))
        {
            Assert.That(type, Is.EqualTo(WatchEventType.Added));
            added.Add(pod.Metadata.Name);
            if (added.Count == 2)
                break;
        }

        Assert.That(added, Is.EquivalentTo(_cluster.Pods().Select(p => p.Metadata.Name)));
    }

    [Test]
    public async Task Bookmarks_arrive_when_allowed_and_the_stream_ends_after_timeoutSeconds()
    {
        var answer = await RawWatchAsync($"resourceVersion={_cluster.Store.Revision}&allowWatchBookmarks=true&timeoutSeconds=2");
        var lines = answer.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(lines, Is.Not.Empty, "one bookmark per second (test speed) within the 2 s timeout");
            Assert.That(lines.Select(l => l["type"]!.GetValue<string>()), Has.All.EqualTo("BOOKMARK"));
            Assert.That(lines[0]["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>(), Is.EqualTo(_cluster.Store.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public async Task A_resourceVersion_older_than_the_history_gets_a_410_Expired_ERROR_event()
    {
        var answer = await RawWatchAsync("resourceVersion=1&timeoutSeconds=5", _cluster, history: true);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Text, Does.StartWith("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\""));
            Assert.That(JsonNode.Parse(answer.Text)!["object"]!["code"]!.GetValue<int>(), Is.EqualTo(410));
            Assert.That(JsonNode.Parse(answer.Text)!["object"]!["reason"]!.GetValue<string>(), Is.EqualTo("Expired"));
        });
    }

    private Task<RestAnswer> RawWatchAsync(string query) => RawWatchAsync(query, _cluster, history: false);

    private static async Task<RestAnswer> RawWatchAsync(string query, TestCluster cluster, bool history)
    {
        if (history)
            cluster.Store.TrimHistory(0);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(cluster.Server.ClusterEndpoint!, "apis/apps/v1/namespaces/sample-namespace/deployments?watch=true&" + query));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", cluster.Server.IssueAccessToken(SandboxPrincipals.Deployer));
        return await RestAnswer.ReadAsync(await http.SendAsync(request));
    }
}
