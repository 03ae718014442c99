using System.Collections.Concurrent;
using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.Rollouts;
using ArtifactRegistry.Tests.TestServers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArtifactRegistry.Tests.Kubernetes;

/// <summary>The Kubernetes adapter against a scripted API server: which answers it tries again, and how its watches resume.</summary>
public sealed class KubeClusterFaultTests
{
    private static readonly WorkloadReference Web = new(WorkloadKind.Deployment, "web");

    [Test]
    public async Task A_read_waits_out_a_429s_Retry_After_then_a_503_and_a_dropped_connection()
    {
        await using var server = await ScriptedHttpServer.StartAsync(
            new ScriptedAnswer(429, Status(429, "TooManyRequests")) { Headers = [("Retry-After", "7")] },
            new ScriptedAnswer(503, Status(503, "ServiceUnavailable")),
            ScriptedAnswer.Dropped,
            ScriptedAnswer.Ok(Deployment("12")));
        var timers = new ImmediateTimers();
        using var cluster = Cluster(server, timers);

        var read = await cluster.ReadWorkloadAsync(Web, "shop", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(read.ResourceVersion, Is.EqualTo("12"));
            Assert.That(server.Requests, Has.Count.EqualTo(4));
            Assert.That(timers.Waits.First(), Is.EqualTo(TimeSpan.FromSeconds(7)), "Retry-After, not the backoff");
            Assert.That(cluster.RequestCount, Is.EqualTo(4), "each attempt is counted");
        });
    }

    [Test]
    public async Task A_patch_is_sent_again_byte_for_byte_after_a_503()
    {
        await using var server = await ScriptedHttpServer.StartAsync(new ScriptedAnswer(503, Status(503, "ServiceUnavailable")), ScriptedAnswer.Ok(Deployment("13")));
        using var cluster = Cluster(server, new ImmediateTimers());

        await cluster.PatchWorkloadAsync(Web, "shop", """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"x@sha256:1"}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch, CancellationToken.None);

        var requests = server.Requests;
        Assert.That(requests.Select(r => (r.Method, r.Body)).Distinct().Single(), Is.EqualTo(("PATCH", """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"x@sha256:1"}]}}}}""")));
        Assert.That(requests, Has.Count.EqualTo(2));
    }

    [TestCase(403, KubernetesApiProblem.Forbidden)]
    [TestCase(404, KubernetesApiProblem.NotFound)]
    [TestCase(501, KubernetesApiProblem.Other)]
    public async Task An_answer_a_retry_cannot_change_is_reported_at_once(int status, KubernetesApiProblem problem)
    {
        await using var server = await ScriptedHttpServer.StartAsync(new ScriptedAnswer(status, Status(status, "Refused")), ScriptedAnswer.Ok(Deployment("1")));
        using var cluster = Cluster(server, new ImmediateTimers());

        var exception = await Assert.ThrowsAsync<KubernetesApiException>(() => cluster.ReadWorkloadAsync(Web, "shop", CancellationToken.None));

        Assert.That(exception!.Problem, Is.EqualTo(problem));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_server_that_keeps_failing_is_reported_after_eight_attempts()
    {
        await using var server = await ScriptedHttpServer.StartAsync(new ScriptedAnswer(503, Status(503, "ServiceUnavailable")));
        var timers = new ImmediateTimers();
        using var cluster = Cluster(server, timers);

        var exception = await Assert.ThrowsAsync<KubernetesApiException>(() => cluster.ReadWorkloadAsync(Web, "shop", CancellationToken.None));

        Assert.That(exception!.Message, Does.Contain("failed to get deployments \"web\" in namespace \"shop\" (503 ServiceUnavailable"));
        Assert.That(server.Requests, Has.Count.EqualTo(8));
        // Each wait is a random share (half to all) of a backoff doubling from 0.25 s up to 8 s: the ranges grow, whatever the draw.
        var waits = timers.Waits.ToList();
        Assert.That(waits, Has.Count.EqualTo(7));
        for (var i = 0; i < waits.Count; i++)
        {
            var backoff = TimeSpan.FromMilliseconds(Math.Min(250 * Math.Pow(2, i), 8000));
            Assert.That(waits[i], Is.InRange(backoff / 2, backoff), $"wait {i + 1}");
        }
    }

    [Test]
    public async Task A_pod_watch_resumes_from_the_last_version_seen_and_lists_again_after_410()
    {
        await using var server = await ScriptedHttpServer.StartAsync(
            ScriptedAnswer.Ok("""{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"10"},"items":[{"metadata":{"name":"a","resourceVersion":"9"}}]}"""),
            ScriptedAnswer.Ok(Event("MODIFIED", """{"kind":"Pod","apiVersion":"v1","metadata":{"name":"a","resourceVersion":"11"}}""")),
            ScriptedAnswer.Ok(Event("ERROR", Status(410, "Expired"))),
            ScriptedAnswer.Ok("""{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"30"},"items":[{"metadata":{"name":"b","resourceVersion":"29"}}]}"""));
        using var cluster = Cluster(server, new ImmediateTimers());

        var seen = new List<string>();
        await foreach (var change in cluster.FollowPodsAsync("shop", "app=web", CancellationToken.None))
        {
            seen.Add(change.Listing is { } listing ? "listed " + string.Join(",", listing.Select(pod => pod.Metadata.Name)) : $"{change.Type} {change.Pod!.Metadata.Name}");
            if (seen.Count == 3)
                break;
        }

        var paths = server.Requests.Select(r => r.PathAndQuery).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { "listed a", "Modified a", "listed b" }));
            Assert.That(paths[0], Does.Not.Contain("watch=true"));
            Assert.That(paths[1], Does.Contain("watch=true").And.Contain("resourceVersion=10"));
            Assert.That(paths[2], Does.Contain("watch=true").And.Contain("resourceVersion=11"), "resumed from the last event, not listed again");
            Assert.That(paths[3], Does.Not.Contain("watch=true"), "listed again after 410 Gone");
        });
    }

    [Test]
    public async Task A_watch_the_server_ends_at_once_without_events_is_resumed_after_a_second_not_in_a_tight_loop()
    {
        await using var server = await ScriptedHttpServer.StartAsync(
            ScriptedAnswer.Ok("""{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"10"},"items":[]}"""),
            ScriptedAnswer.Ok(""),
            ScriptedAnswer.Ok(Event("ADDED", """{"kind":"Pod","apiVersion":"v1","metadata":{"name":"a","resourceVersion":"11"}}""")));
        var timers = new ImmediateTimers();
        using var cluster = Cluster(server, timers);

        var seen = 0;
        await foreach (var _ in cluster.FollowPodsAsync("shop", "app=web", CancellationToken.None))
            if (++seen == 2)
                break;

        Assert.That(timers.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(1) }), "one pause, after the empty watch");
        Assert.That(server.Requests.Select(r => r.PathAndQuery).Last(), Does.Contain("watch=true").And.Contain("resourceVersion=10"));
    }

    [Test]
    public async Task A_workload_watch_resumes_from_the_last_version_seen_and_reads_again_after_410()
    {
        await using var server = await ScriptedHttpServer.StartAsync(
            ScriptedAnswer.Ok(Event("MODIFIED", Deployment("6"))),
            ScriptedAnswer.Ok(Event("ERROR", Status(410, "Expired"))),
            ScriptedAnswer.Ok(Deployment("20")));
        using var cluster = Cluster(server, new ImmediateTimers());
        var start = WorkloadObject.From(KubernetesJson.Deserialize<V1Deployment>(Deployment("5")));

        var versions = new List<string>();
        await foreach (var workload in cluster.FollowWorkloadAsync(start, CancellationToken.None))
        {
            versions.Add(workload.ResourceVersion);
            if (versions.Count == 2)
                break;
        }

        var paths = server.Requests.Select(r => r.PathAndQuery).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(versions, Is.EqualTo(new[] { "6", "20" }));
            Assert.That(paths[0], Does.Contain("watch=true").And.Contain("resourceVersion=5"));
            Assert.That(paths[1], Does.Contain("watch=true").And.Contain("resourceVersion=6"));
            Assert.That(paths[2], Does.StartWith("/apis/apps/v1/namespaces/shop/deployments/web"), "read again after 410 Gone");
        });
    }

    private static KubeCluster Cluster(ScriptedHttpServer server, TimeProvider time) => new(new KubeConnection
    {
        ContextName = "test",
        ClusterName = "test",
        Server = server.Server.BaseAddress.ToString(),
        Files = [],
        ClientConfiguration = new KubernetesClientConfiguration { Host = server.Server.BaseAddress.ToString().TrimEnd('/') },
    }, NullLogger.Instance, time);

    private static string Status(int code, string reason) =>
        $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"scripted {{code}}","reason":"{{reason}}","code":{{code}}}""";

    private static string Event(string type, string json) => $$"""{"type":"{{type}}","object":{{json}}}""" + "\n";

    private static string Deployment(string resourceVersion) => KubernetesJson.Serialize(new V1Deployment
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop", ResourceVersion = resourceVersion, Generation = 1 },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "x" }] } },
        },
    });

    /// <summary>Timers that fire at once, recording the waits asked for.</summary>
    private sealed class ImmediateTimers : TimeProvider
    {
        private readonly ConcurrentQueue<TimeSpan> _waits = new();

        public IReadOnlyCollection<TimeSpan> Waits => _waits;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
                _waits.Enqueue(dueTime);
            return System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }
}
