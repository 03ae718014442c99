using System.Collections.Immutable;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// One image a Deploy builds, pushes and rolls out: its canonical reference, where its Dockerfile and build context are, and
/// which workloads run it. Everything else comes from <see cref="DeploySettings.Build"/> and <see cref="DeploySettings.Rollout"/>.
/// </summary>
/// <param name="Image">Canonical, without tag or digest: <c>asia-docker.pkg.dev/my-project/my-repo/api</c>.</param>
public sealed record DeployImage(string Image)
{
    /// <summary>The docker build context; null means the one in <see cref="DeploySettings.Build"/> (which a host may default, as NUKE does to the root directory).</summary>
    public string? ContextDirectory { get; init; }

    /// <summary>The Dockerfile; null means <c>Dockerfile</c> in the build context.</summary>
    public string? Dockerfile { get; init; }

    /// <summary>The workloads that run it: <c>deployment/NAME</c>, <c>statefulset/NAME</c> or <c>daemonset/NAME</c>.</summary>
    public ImmutableList<string> Workloads { get; init; } = [];

    /// <summary>The container to change; null means the one named like the workload, else the only one.</summary>
    public string? Container { get; init; }
}
