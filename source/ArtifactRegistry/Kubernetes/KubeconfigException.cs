using ArtifactRegistry.Hints;
namespace ArtifactRegistry.Kubernetes;

/// <summary>
/// The kubeconfig cannot take SetImage to a cluster: no file, no such context, credentials that cannot be had (an exec plugin
/// missing or failing, a legacy <c>auth-provider: gcp</c>), an entry that is incomplete. The message says which and the fix.
/// </summary>
public sealed class KubeconfigException : Exception
{
    internal KubeconfigException(KubeconfigProblem problem, string message, IReadOnlyList<string>? contexts = null, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        Contexts = contexts ?? [];
    }

    /// <inheritdoc/>
    public override string Message => SettingHints.Render(this, base.Message);

    /// <summary>What is wrong with the kubeconfig.</summary>
    public KubeconfigProblem Problem { get; }

    /// <summary>The contexts the kubeconfig has, for <see cref="KubeconfigProblem.ContextNotFound"/>.</summary>
    public IReadOnlyList<string> Contexts { get; }
}

/// <summary>Why a kubeconfig cannot take an operation to a cluster.</summary>
public enum KubeconfigProblem
{
    /// <summary>No kubeconfig file where kubectl would look.</summary>
    NotFound,

    /// <summary>A file is not a readable kubeconfig.</summary>
    Invalid,

    /// <summary>The context asked for (or the current one) is not in the kubeconfig.</summary>
    ContextNotFound,

    /// <summary>The exec credential plugin (GKE's <c>gke-gcloud-auth-plugin</c>) is not installed.</summary>
    ExecPluginNotFound,

    /// <summary>The exec credential plugin ran and gave no credentials (expired login, wrong account).</summary>
    ExecPluginFailed,

    /// <summary>The user entry has a form that no longer works (the legacy GKE <c>auth-provider: gcp</c>) or no credentials.</summary>
    UnsupportedCredentials,
}
