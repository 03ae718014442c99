namespace ArtifactRegistry.Rollouts;

/// <summary>A pod as far as a rollout's diagnosis goes: where it is scheduled and how its containers fare.</summary>
/// <param name="Unschedulable">The <c>PodScheduled=False</c> condition's message when the scheduler found no node, else null.</param>
public sealed record PodState(string Name, string? NodeName, string? Phase, bool IsTerminating, string? Unschedulable, IReadOnlyList<ContainerState> Containers);

/// <summary>One entry of a pod's <c>status.containerStatuses</c> (or <c>initContainerStatuses</c>).</summary>
/// <param name="Image">The image of the pod's spec for this container.</param>
/// <param name="ImageId">The digest the node resolved (<c>status.containerStatuses[].imageID</c>), once pulled.</param>
/// <param name="Waiting">The <c>state.waiting</c> reason and message.</param>
/// <param name="LastTermination">The previous run's end (<c>lastState.terminated</c>), or the current one's when it has ended.</param>
public sealed record ContainerState(
    string Name,
    string Image,
    string? ImageId,
    bool IsInit,
    bool Ready,
    int RestartCount,
    ContainerWaiting? Waiting,
    ContainerTermination? LastTermination);

/// <summary>Why a container is waiting (<c>state.waiting</c>).</summary>
/// <param name="Reason">The reason, e.g. <c>ImagePullBackOff</c>, <c>CrashLoopBackOff</c>.</param>
/// <param name="Message">The kubelet's message, if any.</param>
public sealed record ContainerWaiting(string Reason, string? Message);

/// <summary>How a container run ended (<c>state.terminated</c> or <c>lastState.terminated</c>).</summary>
/// <param name="ExitCode">The container's exit code.</param>
/// <param name="Reason">The reason, e.g. <c>Error</c>, <c>OOMKilled</c>.</param>
/// <param name="Message">The termination message, if any.</param>
public sealed record ContainerTermination(int ExitCode, string? Reason, string? Message);

/// <summary>An event about a pod (<c>involvedObject.kind=Pod</c>): <c>Failed</c>, <c>BackOff</c>, <c>FailedScheduling</c>, <c>TriggeredScaleUp</c>…</summary>
public sealed record PodEvent(string PodName, string Type, string Reason, string Message, DateTimeOffset? LastSeen);
