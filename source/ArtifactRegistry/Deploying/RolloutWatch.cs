using System.Threading.Channels;
using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.Rollouts;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Deploying;

/// <summary>How a watched rollout ended: complete, or failed with its diagnosis; with the workload as last seen.</summary>
internal sealed record RolloutEnd(WorkloadObject Workload, RolloutState State, RolloutDiagnosis? Failure);

/// <summary>
/// Follows one rollout through two watches, the workload and its pods (no polling), and decides after every change: complete,
/// failed (the pods' diagnosis, the controller's deadline, or the timeout), or still going, logging the counts only when they change.
/// </summary>
internal sealed class RolloutWatch(KubeCluster cluster, ILogger logger, TimeProvider time)
{
    /// <param name="isNewPod">Whether a pod runs the template being rolled out (its pods alone are diagnosed).</param>
    /// <param name="awaitFreshPullErrors">
    /// Whether a pull error the pods already showed before the watch began is ignored until the kubelet tries again: when
    /// nothing was patched, the fix (a reader grant) may have come since, and the pods still show the old back-off.
    /// </param>
    public async Task<RolloutEnd> WaitAsync(WorkloadObject start, Func<V1Pod, bool> isNewPod, TimeSpan timeout, bool awaitFreshPullErrors, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var changes = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleReader = true });
        var state = new Observed(start);
        var label = start.Reference.ToString();

        var followers = new[]
        {
            WakeWhenEnded(FollowWorkloadAsync(state, changes.Writer, linked.Token), changes.Writer),
            WakeWhenEnded(FollowPodsAsync(state, changes.Writer, linked.Token), changes.Writer),
        };
        string? lastProgress = null;
        var events = new PodEventCache(cluster, start.Namespace);
        Dictionary<string, string>? stalePullErrors = null;
        try
        {
            changes.Writer.TryWrite(true);
            while (true)
            {
                await changes.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
                while (changes.Reader.TryRead(out _)) { }
                if (followers.FirstOrDefault(follower => follower.IsFaulted) is { } failed)
                    await failed.ConfigureAwait(false); // rethrows the API failure

                var (workload, pods, podsListed) = state.Snapshot();
                var progress = RolloutProgress.Evaluate(workload.Status);
                if (progress.Progress != lastProgress)
                {
                    logger.LogInformation("{Workload}: {Progress}", label, progress.Progress);
                    lastProgress = progress.Progress;
                }
                // Diagnosed even when the counts say complete: a container without readiness probe counts as available the
                // moment it starts, so a crash loop can begin after the controller has called the rollout done.
                var newPods = pods.Where(isNewPod).Select(PodStates.From).ToList();
                if (!podsListed)
                    continue; // the pods are not known yet: neither a diagnosis nor "complete" can be told
                if (awaitFreshPullErrors)
                    newPods = WithoutStalePullErrors(newPods, stalePullErrors ??= PullErrors(newPods));
                var podEvents = RolloutDiagnoser.NeedsEvents(newPods)
                    ? await events.ForAsync(pods.Where(isNewPod).ToList(), linked.Token).ConfigureAwait(false)
                    : [];
                if (RolloutDiagnoser.Find(newPods, podEvents) is { } diagnosis)
                    return new RolloutEnd(workload, progress, diagnosis);
                if (progress.IsComplete)
                    return new RolloutEnd(workload, progress, null);
                if (progress.IsFailed)
                    return new RolloutEnd(workload, progress, new RolloutDiagnosis(
                        progress.FailureReason == RolloutProgress.ProgressDeadlineExceeded ? RolloutFailureKind.ProgressDeadlineExceeded : RolloutFailureKind.Stalled,
                        progress.FailureReason ?? "Failed", progress.Failure));
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var (workload, _, _) = state.Snapshot();
            var last = RolloutProgress.Evaluate(workload.Status);
            return new RolloutEnd(workload, last, new RolloutDiagnosis(RolloutFailureKind.Timeout, "Timeout", last.Waiting));
        }
        finally
        {
            await linked.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(followers).ConfigureAwait(false);
            }
            catch (Exception) when (linked.IsCancellationRequested)
            {
                // the followers end with the watch they were in; a failure of theirs has been rethrown above if it mattered
            }
        }
    }

    private static Dictionary<string, string> PullErrors(IEnumerable<PodState> pods) => pods
        .SelectMany(pod => pod.Containers.Where(c => c.Waiting is { Reason: "ErrImagePull" or "ImagePullBackOff" }).Select(c => (Key: $"{pod.Name}/{c.Name}", c.Waiting!.Reason)))
        .ToDictionary(entry => entry.Key, entry => entry.Reason, StringComparer.Ordinal);

    /// <summary>
    /// Leaves out the pull errors first seen until the kubelet's next attempt: <c>ErrImagePull</c> turning into
    /// <c>ImagePullBackOff</c> is the same failed attempt, <c>ImagePullBackOff</c> turning into <c>ErrImagePull</c> a new one.
    /// </summary>
    private static List<PodState> WithoutStalePullErrors(List<PodState> pods, Dictionary<string, string> stale)
    {
        if (stale.Count == 0)
            return pods;
        return pods.Select(pod => pod with
        {
            Containers = pod.Containers.Select(container =>
            {
                var key = $"{pod.Name}/{container.Name}";
                if (!stale.TryGetValue(key, out var reason))
                    return container;
                var now = container.Waiting?.Reason;
                if (now == reason || (reason, now) is ("ErrImagePull", "ImagePullBackOff"))
                {
                    stale[key] = now!;
                    return container with { Waiting = null };
                }
                stale.Remove(key);
                return container;
            }).ToList(),
        }).ToList();
    }

    /// <summary>A follower that fails must wake the loop, which then rethrows its failure instead of waiting for the timeout.</summary>
    private static async Task WakeWhenEnded(Task follower, ChannelWriter<bool> changes)
    {
        try
        {
            await follower.ConfigureAwait(false);
        }
        finally
        {
            changes.TryWrite(true);
        }
    }

    private async Task FollowWorkloadAsync(Observed state, ChannelWriter<bool> changes, CancellationToken cancellationToken)
    {
        var (start, _, _) = state.Snapshot();
        await foreach (var workload in cluster.FollowWorkloadAsync(start, cancellationToken).ConfigureAwait(false))
        {
            state.Set(workload);
            changes.TryWrite(true);
        }
    }

    private async Task FollowPodsAsync(Observed state, ChannelWriter<bool> changes, CancellationToken cancellationToken)
    {
        var (start, _, _) = state.Snapshot();
        await foreach (var change in cluster.FollowPodsAsync(start.Namespace, LabelSelectors.ToQuery(start.Selector), cancellationToken).ConfigureAwait(false))
        {
            if (change.Listing is { } listing)
                state.SetPods(listing);
            else if (change.Type == WatchEventType.Deleted)
                state.RemovePod(change.Pod!);
            else if (change.Type is WatchEventType.Added or WatchEventType.Modified)
                state.SetPod(change.Pod!);
            changes.TryWrite(true);
        }
    }

    /// <summary>The workload and its pods as the watches last reported them.</summary>
    private sealed class Observed(WorkloadObject workload)
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, V1Pod> _pods = new(StringComparer.Ordinal);
        private WorkloadObject _workload = workload;
        private bool _podsListed;

        /// <summary>The workload, its pods, and whether they have been listed at all yet.</summary>
        public (WorkloadObject Workload, IReadOnlyList<V1Pod> Pods, bool PodsListed) Snapshot()
        {
            lock (_lock)
                return (_workload, _pods.Values.ToList(), _podsListed);
        }

        public void Set(WorkloadObject workload)
        {
            lock (_lock)
            {
                // A watch may deliver an object older than one read meanwhile; resource versions are opaque, but generations only grow.
                if (workload.Status.Generation >= _workload.Status.Generation)
                    _workload = workload;
            }
        }

        public void SetPods(IEnumerable<V1Pod> pods)
        {
            lock (_lock)
            {
                _pods.Clear();
                foreach (var pod in pods)
                    _pods[pod.Metadata.Name] = pod;
                _podsListed = true;
            }
        }

        public void SetPod(V1Pod pod)
        {
            lock (_lock)
                _pods[pod.Metadata.Name] = pod;
        }

        public void RemovePod(V1Pod pod)
        {
            lock (_lock)
                _pods.Remove(pod.Metadata.Name);
        }
    }

    /// <summary>Events of the pods that need them, read once per pod change rather than on every change of any pod.</summary>
    private sealed class PodEventCache(KubeCluster cluster, string ns)
    {
        private readonly Dictionary<string, (string Version, IReadOnlyList<PodEvent> Events)> _byPod = new(StringComparer.Ordinal);

        public async Task<IReadOnlyList<PodEvent>> ForAsync(IReadOnlyList<V1Pod> pods, CancellationToken cancellationToken)
        {
            var all = new List<PodEvent>();
            foreach (var pod in pods.Where(NeedsEvents))
            {
                var version = pod.Metadata.ResourceVersion ?? "";
                if (!_byPod.TryGetValue(pod.Metadata.Name, out var cached) || cached.Version != version)
                {
                    cached = (version, await cluster.ListPodEventsAsync(ns, pod.Metadata.Name, cancellationToken).ConfigureAwait(false));
                    _byPod[pod.Metadata.Name] = cached;
                }
                all.AddRange(cached.Events);
            }
            return all;
        }

        private static bool NeedsEvents(V1Pod pod) => RolloutDiagnoser.NeedsEvents([PodStates.From(pod)]);
    }
}
