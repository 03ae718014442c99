using ArtifactRegistry.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArtifactRegistry.Kubernetes;

/// <summary>Where the kubeconfig is and which context to use, and what an exec credential plugin runs with.</summary>
internal sealed record KubeconfigOptions
{
    public const string KubeconfigVariable = "KUBECONFIG";

    /// <summary>An explicit kubeconfig file (kubectl's <c>--kubeconfig</c>); null: <c>KUBECONFIG</c>'s files merged, else <c>~/.kube/config</c>.</summary>
    public string? Path { get; init; }

    /// <summary>The context (kubectl's <c>--context</c>); null: the kubeconfig's <c>current-context</c>.</summary>
    public string? Context { get; init; }

    /// <summary>A variable as this build sees it: the overrides, else the process environment.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Variables an exec plugin gets on top of the process environment (the sandbox's gcloud settings, for one).</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentOverrides { get; init; } = new Dictionary<string, string?>();

    public string HomeDirectory { get; init; } = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

    public IProcessRunner ProcessRunner { get; init; } = Processes.ProcessRunner.Default;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The file kubectl falls back to.</summary>
    public string DefaultFile => System.IO.Path.Combine(HomeDirectory, ".kube", "config");
}
