using System.Collections.Immutable;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// One SetImage: which image goes into which container of which workloads, on which cluster, and how long to wait.
/// Immutable; changed with the fluent methods of <see cref="SetImageSettingsExtensions"/>.
/// </summary>
public sealed record SetImageSettings
{
    /// <summary>
    /// The image, canonical: pinned (<c>…/app:abc1234@sha256:…</c>, what BuildAndPush returns) or a tag (<c>…/app:1.2</c>), which is
    /// resolved to its digest through Artifact Registry first. A bare name is refused: it would mean whatever <c>:latest</c> is.
    /// </summary>
    public string? Image { get; init; }

    /// <summary>The workloads to roll out, <c>deployment/NAME</c>, <c>statefulset/NAME</c> or <c>daemonset/NAME</c>; in parallel.</summary>
    public ImmutableList<string> Workloads { get; init; } = [];

    /// <summary>The namespace; null: the context's namespace, else <c>default</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary>The container to change; null: the one named like the workload, else the only one.</summary>
    public string? Container { get; init; }

    /// <summary>The kube context; null: the kubeconfig's current one.</summary>
    public string? KubeContext { get; init; }

    /// <summary>An explicit kubeconfig file; null: <c>KUBECONFIG</c>'s files, else <c>~/.kube/config</c>.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>How long a rollout may take before SetImage gives up on it (and rolls back, if asked); a rollback gets as long again.</summary>
    public TimeSpan RolloutTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether a failed deployment rollout is undone to the previous revision (as <c>kubectl rollout undo</c>), and awaited until healthy.</summary>
    public bool RollbackOnFailure { get; init; }

    /// <summary>The commit deployed, for the change-cause; null: the CI's (<c>GITHUB_SHA</c>, <c>CI_COMMIT_SHA</c>…), if any.</summary>
    public string? Commit { get; init; }

    /// <summary>How many of a crashed container's last log lines the failure message shows.</summary>
    public int LogLines { get; init; } = 20;

    /// <summary>Environment overrides: <c>KUBECONFIG</c>, the exec plugin's and the credential lookups' variables, the CI variables read for the change-cause.</summary>
    public ImmutableDictionary<string, string?> EnvironmentVariables { get; init; } = ImmutableDictionary<string, string?>.Empty;

    /// <summary>The home directory for <c>~/.kube/config</c> and Application Default Credentials; default: the user's.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>Credentials for resolving a tag through Artifact Registry (default: Application Default Credentials).</summary>
    public IAccessTokenSource? AccessTokenSource { get; init; }

    /// <summary>The Artifact Registry REST root; default: <c>CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY</c>, else Google's.</summary>
    public Uri? ArtifactRegistryEndpoint { get; init; }

    /// <summary>The HTTP handler for Artifact Registry and token calls (tests, proxies).</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Runs exec credential plugins.</summary>
    public IProcessRunner ProcessRunner { get; init; } = Processes.ProcessRunner.Default;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    internal string? Variable(string name) =>
        EnvironmentVariables.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name);

    internal string Home => HomeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
