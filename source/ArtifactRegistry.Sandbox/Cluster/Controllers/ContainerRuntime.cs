using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>Where a simulated container is in its life.</summary>
internal enum ContainerStage
{
    /// <summary>Not pulled yet (first start, or a retry after back-off).</summary>
    Waiting,
    Pulling,

    /// <summary>The last pull failed: <c>ErrImagePull</c> until the back-off starts.</summary>
    PullFailed,

    /// <summary><c>ImagePullBackOff</c>: waiting for the next pull.</summary>
    PullBackOff,

    /// <summary>Pulled; being created and started.</summary>
    Starting,
    Running,

    /// <summary><c>CrashLoopBackOff</c>: exited, waiting to be started again.</summary>
    CrashBackOff,

    /// <summary><c>InvalidImageName</c>: never retried, as the kubelet never retries it.</summary>
    InvalidImage,
}

/// <summary>The kubelet's memory of one container of a pod: its stage, when it next acts, its back-off and its logs.</summary>
internal sealed class ContainerRuntime(string name, string image, string? pullPolicy)
{
    private readonly Lock _logGate = new();
    private List<string> _log = [];
    private List<string>? _previousLog;

    public string Name { get; } = name;

    public string Image { get; } = image;

    public string PullPolicy { get; } = pullPolicy ?? "IfNotPresent";

    public ContainerStage Stage { get; set; }

    /// <summary>When the stage next changes (Stopwatch ticks); null when nothing is pending.</summary>
    public long? DueAt { get; set; }

    public int PullFailures { get; set; }

    public int Crashes { get; set; }

    public int RestartCount { get; set; }

    public string? ImageId { get; set; }

    public ImageTraits Traits { get; set; } = ImageTraits.Normal;

    public string? ContainerId { get; set; }

    public DateTime? StartedAt { get; set; }

    public long? ReadyAt { get; set; }

    public long? CrashAt { get; set; }

    public bool StartedOnce { get; set; }

    public bool Ready { get; set; }

    public string? WaitingReason { get; set; }

    public string? WaitingMessage { get; set; }

    public V1ContainerStateTerminated? LastTerminated { get; set; }

    public long PullStartedAt { get; set; }

    public void AppendLog(string line)
    {
        lock (_logGate)
            _log.Add(line);
    }

    /// <summary>The running instance's log becomes the previous one (what <c>kubectl logs --previous</c> shows).</summary>
    public void RotateLog()
    {
        lock (_logGate)
        {
            _previousLog = _log;
            _log = [];
        }
    }

    public IReadOnlyList<string>? Log(bool previous)
    {
        lock (_logGate)
            return previous ? _previousLog?.ToList() : _log.ToList();
    }
}

/// <summary>The kubelet's memory of one pod.</summary>
internal sealed class PodRuntime(string uid, string node, string podIp, DateTime scheduledAt, IEnumerable<ContainerRuntime> containers)
{
    public string Uid { get; } = uid;

    public string Node { get; } = node;

    public string PodIp { get; } = podIp;

    public DateTime ScheduledAt { get; } = scheduledAt;

    public IReadOnlyList<ContainerRuntime> Containers { get; } = containers.ToList();

    public long? TerminateAt { get; set; }

    public DateTime? ReadySince { get; set; }

    public DateTime? NotReadySince { get; set; }
}
