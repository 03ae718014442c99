using ArtifactRegistry.Auth;

namespace ArtifactRegistry.DockerAuth;

/// <summary>No credentials were found for docker: neither a gcloud account nor Application Default Credentials.</summary>
public sealed class DockerAuthUnavailableException(IReadOnlyList<CredentialAttempt> attempts)
    : Exception(
        "No Google credentials were found for docker. Tried: " + string.Join("; ", attempts) + ". " +
        "Fix it one of two ways: (1) give gcloud an account — `gcloud auth login` for a person, " +
        "`gcloud auth activate-service-account --key-file=KEY.json` for CI — and the credential helper mode is used; " +
        "(2) without gcloud, point GOOGLE_APPLICATION_CREDENTIALS at a service-account key or a Workload Identity Federation file " +
        "(google-github-actions/auth writes one), or run `gcloud auth application-default login`, and the access-token mode is used.")
{
    /// <summary>Each credential source tried, and why it gave nothing.</summary>
    public IReadOnlyList<CredentialAttempt> Attempts { get; } = attempts;
}
