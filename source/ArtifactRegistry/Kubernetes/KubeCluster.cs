using System.Net;
using System.Runtime.CompilerServices;
using ArtifactRegistry.Rollouts;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Kubernetes;

/// <summary>
/// The API calls SetImage and the in-use reader make, on one kube context, through KubernetesClient; every failure comes out
/// as a <see cref="KubernetesApiException"/> naming the call.
/// </summary>
internal sealed class KubeCluster : IDisposable
{
    /// <summary>kubectl's field manager names; server-side managed fields then show who changed what.</summary>
    public const string FieldManager = "artifactregistry-setimage";

    private readonly IKubernetes _client;
    private readonly RequestCounter _counter = new();

    public KubeCluster(KubeConnection connection)
    {
        Connection = connection;
        _client = new k8s.Kubernetes(connection.ClientConfiguration, _counter);
    }

    public KubeConnection Connection { get; }

    /// <summary>HTTP requests sent so far, watches included (each counts once, however long it streams).</summary>
    public int RequestCount => _counter.Count;

    public Task<WorkloadObject> ReadWorkloadAsync(WorkloadReference workload, string ns, CancellationToken cancellationToken) =>
        CallAsync(new KubernetesCall("get", workload.Kind.Resource(), ns, workload.Name, "apps"), async () => workload.Kind switch
        {
            WorkloadKind.Deployment => WorkloadObject.From(await _client.AppsV1.ReadNamespacedDeploymentAsync(workload.Name, ns, cancellationToken: cancellationToken).ConfigureAwait(false)),
            WorkloadKind.StatefulSet => WorkloadObject.From(await _client.AppsV1.ReadNamespacedStatefulSetAsync(workload.Name, ns, cancellationToken: cancellationToken).ConfigureAwait(false)),
            WorkloadKind.DaemonSet => WorkloadObject.From(await _client.AppsV1.ReadNamespacedDaemonSetAsync(workload.Name, ns, cancellationToken: cancellationToken).ConfigureAwait(false)),
            _ => throw new ArgumentOutOfRangeException(nameof(workload)),
        });

    public Task<WorkloadObject> PatchWorkloadAsync(WorkloadReference workload, string ns, string body, V1Patch.PatchType type, CancellationToken cancellationToken, bool dryRun = false)
    {
        var patch = new V1Patch(body, type);
        // dryRun=All: the API server validates, admits and authorizes the patch as for real, and stores nothing.
        var dryRunMode = dryRun ? "All" : null;
        return CallAsync(new KubernetesCall("patch", workload.Kind.Resource(), ns, workload.Name, "apps"), async () => workload.Kind switch
        {
            WorkloadKind.Deployment => WorkloadObject.From(await _client.AppsV1.PatchNamespacedDeploymentAsync(patch, workload.Name, ns, dryRun: dryRunMode, fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false)),
            WorkloadKind.StatefulSet => WorkloadObject.From(await _client.AppsV1.PatchNamespacedStatefulSetAsync(patch, workload.Name, ns, dryRun: dryRunMode, fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false)),
            WorkloadKind.DaemonSet => WorkloadObject.From(await _client.AppsV1.PatchNamespacedDaemonSetAsync(patch, workload.Name, ns, dryRun: dryRunMode, fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false)),
            _ => throw new ArgumentOutOfRangeException(nameof(workload)),
        });
    }

    /// <summary>The workload's changes after <paramref name="resourceVersion"/>, until the server ends the watch (then the caller reads and watches again).</summary>
    public async IAsyncEnumerable<WorkloadObject> WatchWorkloadAsync(
        WorkloadReference workload, string ns, string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var call = new KubernetesCall("watch", workload.Kind.Resource(), ns, workload.Name, "apps");
        var field = $"metadata.name={workload.Name}";
        Exception? failure = null;
        void OnError(Exception exception) => failure ??= exception;
        IAsyncEnumerable<WorkloadObject> events = workload.Kind switch
        {
            WorkloadKind.Deployment => Objects(_client.AppsV1.WatchListNamespacedDeploymentAsync(ns, fieldSelector: field, resourceVersion: resourceVersion, allowWatchBookmarks: false, timeoutSeconds: WatchSeconds, onError: OnError, cancellationToken: cancellationToken), WorkloadObject.From),
            WorkloadKind.StatefulSet => Objects(_client.AppsV1.WatchListNamespacedStatefulSetAsync(ns, fieldSelector: field, resourceVersion: resourceVersion, allowWatchBookmarks: false, timeoutSeconds: WatchSeconds, onError: OnError, cancellationToken: cancellationToken), WorkloadObject.From),
            WorkloadKind.DaemonSet => Objects(_client.AppsV1.WatchListNamespacedDaemonSetAsync(ns, fieldSelector: field, resourceVersion: resourceVersion, allowWatchBookmarks: false, timeoutSeconds: WatchSeconds, onError: OnError, cancellationToken: cancellationToken), WorkloadObject.From),
            _ => throw new ArgumentOutOfRangeException(nameof(workload)),
        };
        await foreach (var item in Guard(events, call, cancellationToken).ConfigureAwait(false))
            yield return item;
        ThrowIfWatchFailed(failure, call);
    }

    public Task<V1PodList> ListPodsAsync(string ns, string labelSelector, CancellationToken cancellationToken) =>
        CallAsync(new KubernetesCall("list", "pods", ns), () => _client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken));

    /// <summary>Pod changes after <paramref name="resourceVersion"/>, until the server ends the watch.</summary>
    public async IAsyncEnumerable<(WatchEventType Type, V1Pod Pod)> WatchPodsAsync(
        string ns, string labelSelector, string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var call = new KubernetesCall("watch", "pods", ns);
        Exception? failure = null;
        var events = _client.CoreV1.WatchListNamespacedPodAsync(ns, labelSelector: labelSelector, resourceVersion: resourceVersion, allowWatchBookmarks: false,
            timeoutSeconds: WatchSeconds, onError: exception => failure ??= exception, cancellationToken: cancellationToken);
        await foreach (var item in Guard(events, call, cancellationToken).ConfigureAwait(false))
            yield return item;
        ThrowIfWatchFailed(failure, call);
    }

    public async Task<IReadOnlyList<PodEvent>> ListPodEventsAsync(string ns, string podName, CancellationToken cancellationToken)
    {
        var list = await CallAsync(new KubernetesCall("list", "events", ns), () => _client.CoreV1.ListNamespacedEventAsync(ns,
            fieldSelector: $"involvedObject.kind=Pod,involvedObject.name={podName}", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return list.Items.Where(e => e.InvolvedObject?.Name == podName).Select(PodStates.From).ToList();
    }

    /// <summary>The container's last <paramref name="lines"/> log lines; of its previous run when <paramref name="previous"/> (a crashed container's).</summary>
    public async Task<IReadOnlyList<string>> ReadLogTailAsync(string ns, string pod, string container, int lines, bool previous, CancellationToken cancellationToken)
    {
        var stream = await CallAsync(new KubernetesCall("get", "pods/log", ns, pod), () =>
            _client.CoreV1.ReadNamespacedPodLogAsync(pod, ns, container, tailLines: lines, previous: previous, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            return text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).TakeLast(lines).ToList();
        }
    }

    public Task<V1ReplicaSetList> ListReplicaSetsAsync(string ns, string labelSelector, CancellationToken cancellationToken) =>
        CallAsync(new KubernetesCall("list", "replicasets", ns, ApiGroup: "apps"), () => _client.AppsV1.ListNamespacedReplicaSetAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<string>> ListWorkloadNamesAsync(WorkloadKind kind, string ns, CancellationToken cancellationToken)
    {
        var call = new KubernetesCall("list", kind.Resource(), ns, ApiGroup: "apps");
        return kind switch
        {
            WorkloadKind.Deployment => (await CallAsync(call, () => _client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: cancellationToken)).ConfigureAwait(false)).Items.Select(item => item.Metadata.Name).ToList(),
            WorkloadKind.StatefulSet => (await CallAsync(call, () => _client.AppsV1.ListNamespacedStatefulSetAsync(ns, cancellationToken: cancellationToken)).ConfigureAwait(false)).Items.Select(item => item.Metadata.Name).ToList(),
            WorkloadKind.DaemonSet => (await CallAsync(call, () => _client.AppsV1.ListNamespacedDaemonSetAsync(ns, cancellationToken: cancellationToken)).ConfigureAwait(false)).Items.Select(item => item.Metadata.Name).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>Whether the namespace exists; null when the credentials may not ask.</summary>
    public async Task<bool?> NamespaceExistsAsync(string ns, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(new KubernetesCall("get", "namespaces", Name: ns), () => _client.CoreV1.ReadNamespaceAsync(ns, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (KubernetesApiException exception) when (exception.Problem == KubernetesApiProblem.NotFound)
        {
            return false;
        }
        catch (KubernetesApiException exception) when (exception.Problem == KubernetesApiProblem.Forbidden)
        {
            return null;
        }
    }

    /// <summary>The namespaces, or null when the credentials may not list them.</summary>
    public async Task<IReadOnlyList<string>?> ListNamespacesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var list = await CallAsync(new KubernetesCall("list", "namespaces"), () => _client.CoreV1.ListNamespaceAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
            return list.Items.Select(item => item.Metadata.Name).ToList();
        }
        catch (KubernetesApiException exception) when (exception.Problem is KubernetesApiProblem.Forbidden or KubernetesApiProblem.NotFound)
        {
            return null;
        }
    }

    /// <summary>The node's labels (GKE's <c>cloud.google.com/gke-nodepool</c> among them), or null when it cannot be read.</summary>
    public async Task<IDictionary<string, string>?> TryReadNodeLabelsAsync(string node, CancellationToken cancellationToken)
    {
        try
        {
            var read = await CallAsync(new KubernetesCall("get", "nodes", Name: node), () => _client.CoreV1.ReadNodeAsync(node, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return read.Metadata.Labels;
        }
        catch (KubernetesApiException)
        {
            return null;
        }
    }

    public Task<V1PodList> ListAllPodsAsync(CancellationToken cancellationToken) =>
        CallAsync(new KubernetesCall("list", "pods"), () => _client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken));

    public Task<V1ReplicaSetList> ListAllReplicaSetsAsync(CancellationToken cancellationToken) =>
        CallAsync(new KubernetesCall("list", "replicasets", ApiGroup: "apps"), () => _client.AppsV1.ListReplicaSetForAllNamespacesAsync(cancellationToken: cancellationToken));

    public Task<V1DeploymentList> ListAllDeploymentsAsync(CancellationToken cancellationToken) =>
        CallAsync(new KubernetesCall("list", "deployments", ApiGroup: "apps"), () => _client.AppsV1.ListDeploymentForAllNamespacesAsync(cancellationToken: cancellationToken));

    public Task<V1StatefulSetList> ListAllStatefulSetsAsync(CancellationToken cancellationToken) =>
        CallAsync(new KubernetesCall("list", "statefulsets", ApiGroup: "apps"), () => _client.AppsV1.ListStatefulSetForAllNamespacesAsync(cancellationToken: cancellationToken));

    public Task<V1DaemonSetList> ListAllDaemonSetsAsync(CancellationToken cancellationToken) =>
        CallAsync(new KubernetesCall("list", "daemonsets", ApiGroup: "apps"), () => _client.AppsV1.ListDaemonSetForAllNamespacesAsync(cancellationToken: cancellationToken));

    /// <summary>A watch the server ends after this long is started anew by the caller; kubectl's watches use a few minutes too.</summary>
    private const int WatchSeconds = 290;

    private async Task<T> CallAsync<T>(KubernetesCall call, Func<Task<T>> send)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (Exception exception) when (KubernetesErrors.IsApiFailure(exception))
        {
            throw KubernetesErrors.Translate(exception, call, Connection);
        }
    }

    private static async IAsyncEnumerable<TOut> Objects<TIn, TOut>(IAsyncEnumerable<(WatchEventType Type, TIn Item)> events, Func<TIn, TOut> map)
    {
        await foreach (var (type, item) in events.ConfigureAwait(false))
            if (type is WatchEventType.Added or WatchEventType.Modified)
                yield return map(item);
    }

    private async IAsyncEnumerable<T> Guard<T>(IAsyncEnumerable<T> events, KubernetesCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = events.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            T current;
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    yield break;
                current = enumerator.Current;
            }
            catch (Exception exception) when (KubernetesErrors.IsApiFailure(exception))
            {
                throw KubernetesErrors.Translate(exception, call, Connection);
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                yield break; // the stream broke off: the caller reads and watches again
            }
            yield return current;
        }
    }

    private void ThrowIfWatchFailed(Exception? failure, KubernetesCall call)
    {
        // A 410 Gone ends a watch whose resourceVersion is too old: the caller lists and watches again, as for any ended watch.
        if (failure is KubernetesException { Status.Code: (int)HttpStatusCode.Gone } or null)
            return;
        if (KubernetesErrors.IsApiFailure(failure))
            throw KubernetesErrors.Translate(failure, call, Connection);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Counts requests for the benchmark's API cost figure.</summary>
    private sealed class RequestCounter : DelegatingHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
