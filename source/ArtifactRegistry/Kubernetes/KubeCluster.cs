using System.Net;
using System.Runtime.CompilerServices;
using ArtifactRegistry.Registry;
using ArtifactRegistry.Rollouts;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

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
    private readonly TimeProvider _time;

    /// <param name="retry">How failed requests are repeated; null means <see cref="KubernetesRetryHandler.DefaultPolicy"/>.</param>
    /// <param name="time">The clock the waits between attempts run on.</param>
    public KubeCluster(KubeConnection connection, ILogger logger, TimeProvider time, RetryPolicy? retry = null)
    {
        Connection = connection;
        _time = time;
        // The counter sits inside the retry handler, so each attempt of a retried request counts.
        _client = new k8s.Kubernetes(connection.ClientConfiguration, new KubernetesRetryHandler(retry ?? KubernetesRetryHandler.DefaultPolicy, time, logger), _counter);
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

    /// <summary>
    /// The workload's changes after <paramref name="start"/>, for as long as the caller reads: a watch the server ends (its
    /// timeout, a broken stream) is resumed from the last resourceVersion seen, so nothing in between is missed or repeated;
    /// when that version is too old for the server's history (410 Gone), the workload is read anew and watched from there.
    /// </summary>
    public async IAsyncEnumerable<WorkloadObject> FollowWorkloadAsync(WorkloadObject start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var resourceVersion = start.ResourceVersion;
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = _time.GetTimestamp();
            var seen = 0;
            var changes = WatchWorkloadAsync(start.Reference, start.Namespace, resourceVersion, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (changes.ConfigureAwait(false))
            {
                while (true)
                {
                    WorkloadObject? next = null;
                    var expired = false;
                    try
                    {
                        if (await changes.MoveNextAsync().ConfigureAwait(false))
                            next = changes.Current;
                    }
                    catch (WatchExpiredException)
                    {
                        expired = true;
                    }
                    if (expired)
                        next = await ReadWorkloadAsync(start.Reference, start.Namespace, cancellationToken).ConfigureAwait(false);
                    if (next is null)
                        break;
                    seen++;
                    resourceVersion = next.ResourceVersion;
                    yield return next;
                    if (expired)
                        break;
                }
            }
            await PauseAfterVeryShortWatchAsync(started, seen, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The pods matching <paramref name="labelSelector"/>: first as a list, then change by change, for as long as the caller
    /// reads. An ended watch is resumed from the last resourceVersion seen; a 410 Gone lists them anew.
    /// </summary>
    public async IAsyncEnumerable<PodsChange> FollowPodsAsync(string ns, string labelSelector, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (resourceVersion is null)
            {
                var list = await ListPodsAsync(ns, labelSelector, cancellationToken).ConfigureAwait(false);
                resourceVersion = list.Metadata.ResourceVersion;
                yield return new PodsChange([.. list.Items], default, null);
            }
            var started = _time.GetTimestamp();
            var seen = 0;
            var changes = WatchPodsAsync(ns, labelSelector, resourceVersion, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (changes.ConfigureAwait(false))
            {
                while (true)
                {
                    (WatchEventType Type, V1Pod Pod)? next = null;
                    try
                    {
                        if (await changes.MoveNextAsync().ConfigureAwait(false))
                            next = changes.Current;
                    }
                    catch (WatchExpiredException)
                    {
                        resourceVersion = null;
                    }
                    if (next is not { } change)
                        break;
                    seen++;
                    resourceVersion = change.Pod.Metadata?.ResourceVersion ?? resourceVersion;
                    yield return new PodsChange(null, change.Type, change.Pod);
                }
            }
            if (resourceVersion is not null)
                await PauseAfterVeryShortWatchAsync(started, seen, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A watch that ended within a second without a single event is taken as a server that ends watches at once (as
    /// client-go's reflector does): waiting a second before the next keeps a follower from hammering the API server.
    /// </summary>
    private async Task PauseAfterVeryShortWatchAsync(long started, int seen, CancellationToken cancellationToken)
    {
        if (seen == 0 && _time.GetElapsedTime(started) < TimeSpan.FromSeconds(1) && !cancellationToken.IsCancellationRequested)
            await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The workload's changes after <paramref name="resourceVersion"/>, until the server ends the watch.</summary>
    private async IAsyncEnumerable<WorkloadObject> WatchWorkloadAsync(
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
    private async IAsyncEnumerable<(WatchEventType Type, V1Pod Pod)> WatchPodsAsync(
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

    /// <summary>Deletes a pod (its grace period as the pod says); one already gone counts as deleted.</summary>
    public async Task DeletePodAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(new KubernetesCall("delete", "pods", ns, name), () => _client.CoreV1.DeleteNamespacedPodAsync(name, ns, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (KubernetesApiException exception) when (exception.Problem == KubernetesApiProblem.NotFound)
        {
        }
    }

    public Task<V1ControllerRevisionList> ListControllerRevisionsAsync(string ns, string labelSelector, CancellationToken cancellationToken) =>
        CallAsync(new KubernetesCall("list", "controllerrevisions", ns, ApiGroup: "apps"), () => _client.AppsV1.ListNamespacedControllerRevisionAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken));

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

    /// <summary>Every node's name and platform (its <c>kubernetes.io/os</c>/<c>kubernetes.io/arch</c> labels, else its node info).</summary>
    /// <exception cref="KubernetesApiException">The nodes cannot be listed (Forbidden when the credentials may not).</exception>
    public async Task<IReadOnlyList<NodePlatform>> ListNodePlatformsAsync(CancellationToken cancellationToken)
    {
        var list = await CallAsync(new KubernetesCall("list", "nodes"), () => _client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        return list.Items.Select(NodePlatform.From).ToList();
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

    public Task<V1ControllerRevisionList> ListAllControllerRevisionsAsync(CancellationToken cancellationToken) =>
        CallAsync(new KubernetesCall("list", "controllerrevisions", ApiGroup: "apps"), () => _client.AppsV1.ListControllerRevisionForAllNamespacesAsync(cancellationToken: cancellationToken));

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
            catch (HttpOperationException exception) when (exception.Response?.StatusCode == HttpStatusCode.Gone)
            {
                throw new WatchExpiredException(call.ToString(), exception);
            }
            catch (Exception exception) when (KubernetesErrors.IsApiFailure(exception) && !KubernetesRetryHandler.IsBrokenConnection(exception, cancellationToken))
            {
                throw KubernetesErrors.Translate(exception, call, Connection);
            }
            catch (Exception exception) when (KubernetesRetryHandler.IsBrokenConnection(exception, cancellationToken))
            {
                yield break; // the stream broke off: the caller watches again from the last version it saw
            }
            yield return current;
        }
    }

    private void ThrowIfWatchFailed(Exception? failure, KubernetesCall call)
    {
        // A 410 Gone ends a watch whose resourceVersion is older than the server's history: the caller reads anew.
        if (failure is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
            throw new WatchExpiredException(call.ToString(), failure);
        if (failure is not null && KubernetesErrors.IsApiFailure(failure))
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
