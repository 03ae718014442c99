namespace ArtifactRegistry.Rollouts;

/// <summary>Why a rollout failed, as diagnosed from the workload's pods and status.</summary>
public enum RolloutFailureKind
{
    /// <summary><c>ErrImagePull</c> / <c>ImagePullBackOff</c>: the node could not pull the image.</summary>
    ImagePull,

    /// <summary><c>CrashLoopBackOff</c>: the container starts and exits, again and again.</summary>
    CrashLoop,

    /// <summary><c>RunContainerError</c>, <c>CreateContainerError</c>: the runtime could not start the container.</summary>
    RunContainerError,

    /// <summary><c>CreateContainerConfigError</c>: a secret, config map or key the container needs is missing.</summary>
    ContainerConfigError,

    /// <summary><c>InvalidImageName</c>: the image string is not a reference.</summary>
    InvalidImage,

    /// <summary>The scheduler finds no node for the pod.</summary>
    Unschedulable,

    /// <summary>The deployment controller gave up: <c>ProgressDeadlineExceeded</c>.</summary>
    ProgressDeadlineExceeded,

    /// <summary>The rollout cannot go on by itself: a paused deployment, an <c>OnDelete</c> update strategy.</summary>
    Stalled,

    /// <summary>SetImage's own timeout passed first.</summary>
    Timeout,
}
