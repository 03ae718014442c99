using System.Diagnostics;
using System.Globalization;
using ArtifactRegistry.Sandbox.Cluster.Store;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>
/// The simulated nodes: binds new pods to a node, pulls each container's image from the sandbox registry as the node pool's
/// service account, starts the container, makes it ready (after the image's <c>sandbox.start-delay</c>), crashes it when the
/// image says so, backs off failed pulls and crashes as the kubelet does (doubling up to a maximum), writes the pod status
/// and the events a real kubelet writes, and removes deleted pods after their termination time. No process ever runs.
/// Binding honours the pod's <c>nodeSelector</c> (<c>kubernetes.io/arch: arm64</c>…); a pod no node matches stays Pending
/// with the scheduler's <c>FailedScheduling</c> event and <c>Unschedulable</c> condition. Each node pulls for its own platform.
/// </summary>
internal sealed class Kubelet(ClusterStore store, EventRecorder events, ImagePuller puller, ControlLoop loop, SandboxClusterOptions options, ClusterNodes nodes)
{
    private const string Component = "kubelet";
    private readonly Dictionary<string, PodRuntime> _pods = new(StringComparer.Ordinal);
    private readonly Lock _podsGate = new();
    private readonly Dictionary<(string Node, string Image), (string ImageId, ImageTraits Traits)> _imageCache = [];
    private long _counter;

    /// <summary>The pace of pulls, starts and back-offs; the seed runs at zero delays, then the configured speed applies.</summary>
    public SandboxClusterSpeed Speed { get; set; } = options.Speed;

    public IReadOnlyList<string> Nodes => nodes.Names;

    /// <summary>Container log lines for <c>pods/log</c>; null when the pod or the container instance does not exist.</summary>
    public IReadOnlyList<string>? Logs(string ns, string pod, string container, bool previous)
    {
        lock (_podsGate)
            return _pods.GetValueOrDefault(ClusterStore.Key(ns, pod))?.Containers.FirstOrDefault(c => c.Name == container)?.Log(previous);
    }

    public async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var slash = key.IndexOf('/');
        var stored = store.Get(ResourceType.Pods, key[..slash], key[(slash + 1)..]);
        PodRuntime? runtime;
        lock (_podsGate)
        {
            _pods.TryGetValue(key, out runtime);
            if (stored is null || runtime is not null && runtime.Uid != stored.Uid)
            {
                _pods.Remove(key);
                runtime = null;
            }
        }

        if (stored is null)
            return;
        var pod = stored.As<V1Pod>();
        var now = Stopwatch.GetTimestamp();
        if (pod.Spec?.NodeName is null)
        {
            Bind(pod);
            return;
        }

        if (runtime is null)
        {
            runtime = await TakeOverAsync(pod, cancellationToken).ConfigureAwait(false);
            lock (_podsGate)
                _pods[key] = runtime;
        }

        if (pod.Metadata.DeletionTimestamp is not null)
        {
            if (runtime.TerminateAt is null)
            {
                runtime.TerminateAt = now + Ticks(Speed.Termination);
                foreach (var container in runtime.Containers.Where(c => c.Stage == ContainerStage.Running))
                    events.Normal(pod, "Killing", $"Stopping container {container.Name}", Component, runtime.Node, FieldPath(container));
            }

            if (now >= runtime.TerminateAt)
            {
                store.Delete(ResourceType.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name);
                lock (_podsGate)
                    _pods.Remove(key);
                // A Recreate rollout waits for the old pods to be gone, which changes no replica set's status: tell the deployment.
                if (pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true) is { Kind: "ReplicaSet" } owner
                    && store.Get(ResourceType.ReplicaSets, pod.Metadata.NamespaceProperty, owner.Name)?.Model.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true) is { Kind: "Deployment" } deployment)
                    loop.Enqueue(new WorkItem(ResourceType.Deployments, ClusterStore.Key(pod.Metadata.NamespaceProperty, deployment.Name)));
                return;
            }

            loop.EnqueueAfter(new WorkItem(ResourceType.Pods, key), Elapsed(runtime.TerminateAt.Value - now));
            return;
        }

        foreach (var container in runtime.Containers)
            await AdvanceAsync(pod, runtime, container, cancellationToken).ConfigureAwait(false);

        WriteStatus(pod, runtime);
        var next = runtime.Containers.Select(c => c.DueAt).Where(d => d is not null).Min();
        if (next is { } due)
            loop.EnqueueAfter(new WorkItem(ResourceType.Pods, key), Elapsed(due - Stopwatch.GetTimestamp()));
    }

    /// <summary>
    /// The kubelet's memory of a bound pod, from its status: empty for a pod just bound; for one a previous run of a sandbox with
    /// a state directory had started, its running containers keep running (with the traits their image has now) and the others
    /// start over, as after a kubelet restart.
    /// </summary>
    private async Task<PodRuntime> TakeOverAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        var statuses = pod.Status?.ContainerStatuses ?? [];
        var containers = new List<ContainerRuntime>();
        foreach (var spec in pod.Spec.Containers ?? [])
        {
            var container = new ContainerRuntime(spec.Name, spec.Image, spec.ImagePullPolicy);
            containers.Add(container);
            if (statuses.FirstOrDefault(s => s.Name == spec.Name) is not { } status)
                continue;
            container.RestartCount = status.RestartCount;
            container.LastTerminated = status.LastState?.Terminated;
            if (status.State?.Running is not { } running || string.IsNullOrEmpty(status.ImageID))
                continue;
            var pulled = await puller.PullAsync(spec.Image, options.NodePullAccount, PlatformOf(pod.Spec.NodeName), cancellationToken).ConfigureAwait(false);
            container.Traits = pulled.Succeeded ? pulled.Traits : ImageTraits.Normal;
            container.ImageId = status.ImageID;
            container.ContainerId = status.ContainerID?.Replace("containerd://", "", StringComparison.Ordinal);
            container.StartedAt = running.StartedAt;
            container.StartedOnce = true;
            container.Stage = ContainerStage.Running;
            container.Ready = status.Ready;
            container.ReadyAt = status.Ready ? null : now + Ticks(container.Traits.StartDelay);
            container.CrashAt = container.Traits.Crash || container.Traits.ForeignArchitecture ? now + Ticks(Speed.CrashAfter) : null;
            container.AppendLog($"sandbox: the sandbox restarted; container {container.Name} kept running");
        }

        var ready = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        return new PodRuntime(pod.Metadata.Uid, pod.Spec.NodeName, pod.Status?.PodIP ?? PodIp(), pod.Status?.StartTime ?? store.Now, containers)
        {
            ReadySince = ready?.Status == "True" ? ready.LastTransitionTime : null,
            NotReadySince = ready?.Status == "False" ? ready.LastTransitionTime : null,
        };
    }

    /// <summary>The node's platform; a node a restored state names but the options no longer have counts as linux/amd64.</summary>
    private SandboxClusterNode PlatformOf(string node) => nodes.Find(node) ?? new SandboxClusterNode(node);

    private void Bind(V1Pod pod)
    {
        // A daemon set's pod is pinned to its node by affinity; the others go round the nodes their node selector allows.
        var candidates = nodes.Matching(pod.Spec.NodeSelector);
        if (DaemonSetController.PinnedNode(pod) is { } pinned)
            candidates = candidates.Where(n => n.Name == pinned).ToList();
        if (candidates.Count == 0)
        {
            Unschedulable(pod);
            return;
        }

        var node = candidates[(int)(Interlocked.Increment(ref _counter) % candidates.Count)].Name;
        var scheduled = store.Update(ResourceType.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, o =>
        {
            var p = (V1Pod)o;
            if (p.Spec.NodeName is not null)
                return false;
            p.Spec.NodeName = node;
            p.Status ??= new V1PodStatus();
            p.Status.Phase = "Pending";
            p.Status.StartTime = store.Now;
            p.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = store.Now }];
            return true;
        });
        events.Normal(scheduled.Model, "Scheduled", $"Successfully assigned {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} to {node}", "default-scheduler");
    }

    /// <summary>What the default scheduler reports when no node's labels match the pod's node selector.</summary>
    private void Unschedulable(V1Pod pod)
    {
        var total = nodes.All.Count;
        var message = $"0/{total} nodes are available: {total} node(s) didn't match Pod's node affinity/selector. " +
                      $"preemption: 0/{total} nodes are available: {total} Preemption is not helpful for scheduling.";
        var changed = false;
        var updated = store.Update(ResourceType.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, o =>
        {
            var p = (V1Pod)o;
            if (p.Spec.NodeName is not null || p.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled") is { Status: "False", Reason: "Unschedulable" } known && known.Message == message)
                return false;
            p.Status ??= new V1PodStatus();
            p.Status.Phase = "Pending";
            p.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = message, LastTransitionTime = store.Now }];
            changed = true;
            return true;
        });
        if (changed)
            events.Warning(updated.Model, "FailedScheduling", message, "default-scheduler");
    }

    private async Task AdvanceAsync(V1Pod pod, PodRuntime runtime, ContainerRuntime c, CancellationToken cancellationToken)
    {
        for (var step = 0; step < 8; step++)
        {
            var now = Stopwatch.GetTimestamp();
            if (c.DueAt is { } due && now < due)
                return;
            c.DueAt = null;
            switch (c.Stage)
            {
                case ContainerStage.Waiting:
                    if (c.PullPolicy != "Always" && _imageCache.TryGetValue((runtime.Node, c.Image), out var cached))
                    {
                        events.Normal(pod, "Pulled", $"Container image \"{c.Image}\" already present on machine", Component, runtime.Node, FieldPath(c));
                        (c.ImageId, c.Traits) = cached;
                        Start(c, now);
                        continue;
                    }

                    events.Normal(pod, "Pulling", $"Pulling image \"{c.Image}\"", Component, runtime.Node, FieldPath(c));
                    c.Stage = ContainerStage.Pulling;
                    c.PullStartedAt = now;
                    c.DueAt = now + Ticks(Speed.ImagePull);
                    c.WaitingReason ??= "ContainerCreating";
                    continue;
                case ContainerStage.Pulling:
                    var result = await puller.PullAsync(c.Image, options.NodePullAccount, PlatformOf(runtime.Node), cancellationToken).ConfigureAwait(false);
                    if (result.Succeeded)
                    {
                        var took = FormatDuration(Elapsed(Stopwatch.GetTimestamp() - c.PullStartedAt));
                        events.Normal(pod, "Pulled", $"Successfully pulled image \"{c.Image}\" in {took} ({took} including waiting). Image size: {result.Size} bytes.", Component, runtime.Node, FieldPath(c));
                        _imageCache[(runtime.Node, c.Image)] = (result.ImageId!, result.Traits);
                        (c.ImageId, c.Traits) = (result.ImageId, result.Traits);
                        c.PullFailures = 0;
                        Start(c, now);
                        continue;
                    }

                    if (result.FailureReason == "InvalidImageName")
                    {
                        c.Stage = ContainerStage.InvalidImage;
                        (c.WaitingReason, c.WaitingMessage) = (result.FailureReason, result.Message);
                        events.Warning(pod, "InspectFailed", result.Message!, Component, runtime.Node, FieldPath(c));
                        events.Warning(pod, "Failed", "Error: InvalidImageName", Component, runtime.Node, FieldPath(c));
                        return;
                    }

                    c.PullFailures++;
                    c.Stage = ContainerStage.PullFailed;
                    (c.WaitingReason, c.WaitingMessage) = ("ErrImagePull", result.Message);
                    events.Warning(pod, "Failed", $"Failed to pull image \"{c.Image}\": {result.Message}", Component, runtime.Node, FieldPath(c));
                    events.Warning(pod, "Failed", "Error: ErrImagePull", Component, runtime.Node, FieldPath(c));
                    // ErrImagePull shows until the kubelet's next look at the pod, which starts the back-off.
                    c.DueAt = now + Ticks(Speed.BackOffInitial / 2);
                    return;
                case ContainerStage.PullFailed:
                    c.Stage = ContainerStage.PullBackOff;
                    (c.WaitingReason, c.WaitingMessage) = ("ImagePullBackOff", $"Back-off pulling image \"{c.Image}\"");
                    events.Normal(pod, "BackOff", $"Back-off pulling image \"{c.Image}\"", Component, runtime.Node, FieldPath(c));
                    events.Warning(pod, "Failed", "Error: ImagePullBackOff", Component, runtime.Node, FieldPath(c));
                    c.DueAt = now + Ticks(BackOff(c.PullFailures));
                    return;
                case ContainerStage.PullBackOff:
                    c.Stage = ContainerStage.Waiting;
                    continue;
                case ContainerStage.Starting:
                    c.Stage = ContainerStage.Running;
                    c.StartedOnce = true;
                    c.StartedAt = store.Now;
                    (c.WaitingReason, c.WaitingMessage) = (null, null);
                    events.Normal(pod, "Created", $"Created container: {c.Name}", Component, runtime.Node, FieldPath(c));
                    events.Normal(pod, "Started", $"Started container {c.Name}", Component, runtime.Node, FieldPath(c));
                    if (c.Traits.ForeignArchitecture)
                    {
                        // The runtime's exec of the program fails at once: its only log line, then exit code 255.
                        c.AppendLog($"exec {c.Traits.Program}: exec format error");
                        c.ReadyAt = null;
                        c.CrashAt = now;
                        continue;
                    }

                    c.AppendLog($"sandbox: container {c.Name} started from {c.ImageId} (pod {pod.Metadata.Name}, node {runtime.Node}{(c.Traits.Platform is { } platform ? $", image platform {platform}" : "")})");
                    c.ReadyAt = now + Ticks(c.Traits.StartDelay);
                    c.CrashAt = c.Traits.Crash ? now + Ticks(Speed.CrashAfter) : null;
                    if (c.Traits.StartDelay > TimeSpan.Zero)
                        c.AppendLog($"sandbox: becomes ready after {ImageTraits.StartDelayLabel}={FormatDuration(c.Traits.StartDelay)}");
                    continue;
                case ContainerStage.Running:
                    if (c.CrashAt is { } crashAt && now >= crashAt)
                    {
                        Crash(pod, runtime, c, now);
                        return;
                    }

                    if (!c.Ready && c.ReadyAt is { } readyAt && now >= readyAt)
                    {
                        c.Ready = true;
                        c.AppendLog($"sandbox: container {c.Name} is ready");
                    }

                    c.DueAt = new[] { c.Ready ? null : c.ReadyAt, c.CrashAt }.Where(t => t is not null).Min();
                    return;
                case ContainerStage.CrashBackOff:
                    c.RestartCount++;
                    c.Stage = ContainerStage.Waiting;
                    continue;
                default:
                    return;
            }
        }
    }

    private void Start(ContainerRuntime c, long now)
    {
        c.Stage = ContainerStage.Starting;
        c.ContainerId = ContainerId();
        c.DueAt = now + Ticks(Speed.ContainerStart);
    }

    private void Crash(V1Pod pod, PodRuntime runtime, ContainerRuntime c, long now)
    {
        var exitCode = c.Traits.ForeignArchitecture ? 255 : c.Traits.ExitCode;
        if (!c.Traits.ForeignArchitecture)
            c.AppendLog($"sandbox: the image is labelled {ImageTraits.CrashLabel}=true, so the container exits with code {exitCode}");
        c.Crashes++;
        c.LastTerminated = new V1ContainerStateTerminated
        {
            ExitCode = exitCode,
            Reason = exitCode == 0 ? "Completed" : "Error",
            StartedAt = c.StartedAt,
            FinishedAt = store.Now,
            ContainerID = "containerd://" + c.ContainerId,
        };
        c.RotateLog();
        c.Ready = false;
        c.CrashAt = null;
        c.ReadyAt = null;
        var delay = BackOff(c.Crashes);
        c.Stage = ContainerStage.CrashBackOff;
        (c.WaitingReason, c.WaitingMessage) = ("CrashLoopBackOff",
            $"back-off {FormatDuration(delay)} restarting failed container={c.Name} pod={pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})");
        events.Warning(pod, "BackOff", $"Back-off restarting failed container {c.Name} in pod {pod.Metadata.Name}_{pod.Metadata.NamespaceProperty}({pod.Metadata.Uid})",
            Component, runtime.Node, FieldPath(c));
        c.DueAt = now + Ticks(delay);
    }

    private void WriteStatus(V1Pod pod, PodRuntime runtime)
    {
        var now = store.Now;
        var ready = runtime.Containers.All(c => c.Ready);
        if (ready && runtime.ReadySince is null)
            (runtime.ReadySince, runtime.NotReadySince) = (now, null);
        else if (!ready && runtime.NotReadySince is null)
            (runtime.NotReadySince, runtime.ReadySince) = (now, null);
        var readyChanged = ready ? runtime.ReadySince : runtime.NotReadySince;
        var started = runtime.Containers.All(c => c.StartedOnce);
        var status = new V1PodStatus
        {
            Phase = started ? "Running" : "Pending",
            HostIP = HostIp(runtime.Node),
            HostIPs = [new V1HostIP { Ip = HostIp(runtime.Node) }],
            PodIP = runtime.PodIp,
            PodIPs = [new V1PodIP { Ip = runtime.PodIp }],
            StartTime = runtime.ScheduledAt,
            QosClass = "BestEffort",
            Conditions =
            [
                new V1PodCondition { Type = "PodReadyToStartContainers", Status = "True", LastTransitionTime = runtime.ScheduledAt },
                new V1PodCondition { Type = "Initialized", Status = "True", LastTransitionTime = runtime.ScheduledAt },
                Condition("Ready", ready, readyChanged, runtime),
                Condition("ContainersReady", ready, readyChanged, runtime),
                new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = runtime.ScheduledAt },
            ],
            ContainerStatuses = runtime.Containers.Select(c => new V1ContainerStatus
            {
                Name = c.Name,
                Image = c.Image,
                ImageID = c.ImageId ?? "",
                ContainerID = c.StartedOnce || c.Stage is ContainerStage.Starting ? "containerd://" + c.ContainerId : null,
                Ready = c.Ready,
                Started = c.Stage == ContainerStage.Running,
                RestartCount = c.RestartCount,
                State = c.Stage == ContainerStage.Running
                    ? new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = c.StartedAt } }
                    : new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = c.WaitingReason ?? "ContainerCreating", Message = c.WaitingMessage } },
                LastState = c.LastTerminated is null ? new V1ContainerState() : new V1ContainerState { Terminated = c.LastTerminated },
            }).ToList(),
        };
        store.Update(ResourceType.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, o =>
        {
            var p = (V1Pod)o;
            if (p.Metadata.DeletionTimestamp is not null || p.Metadata.Uid != runtime.Uid)
                return false;
            if (ModelJson.Same(p.Status, status))
                return false;
            p.Status = status;
            return true;
        });
    }

    private static V1PodCondition Condition(string type, bool ready, DateTime? since, PodRuntime runtime) => new()
    {
        Type = type,
        Status = ready ? "True" : "False",
        Reason = ready ? null : "ContainersNotReady",
        Message = ready ? null : $"containers with unready status: [{string.Join(" ", runtime.Containers.Where(c => !c.Ready).Select(c => c.Name))}]",
        LastTransitionTime = since ?? runtime.ScheduledAt,
    };

    private TimeSpan BackOff(int failures)
    {
        var delay = Speed.BackOffInitial * Math.Pow(2, Math.Max(0, failures - 1));
        return delay > Speed.BackOffMax ? Speed.BackOffMax : delay;
    }

    private static string FieldPath(ContainerRuntime c) => $"spec.containers{{{c.Name}}}";

    private string PodIp()
    {
        var n = Interlocked.Increment(ref _counter);
        return $"10.52.{n / 250 % 250}.{n % 250 + 2}";
    }

    private string ContainerId() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        BitConverter.GetBytes(Interlocked.Increment(ref _counter) * 7919 + 17)));

    private string HostIp(string node) => nodes.HostIp(node);

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static TimeSpan Elapsed(long ticks) => TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);

    /// <summary>Go's time.Duration text, as the kubelet prints it: <c>1.5s</c>, <c>250ms</c>, <c>5m0s</c>.</summary>
    public static string FormatDuration(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1))
            return ((int)Math.Max(0, span.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";
        if (span < TimeSpan.FromMinutes(1))
            return span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        return $"{(int)span.TotalMinutes}m{span.Seconds}s";
    }
}
