namespace ArtifactRegistry.DockerAuth;

/// <summary>How docker gets credentials for Artifact Registry.</summary>
public enum DockerAuthMode
{
    /// <summary><see cref="CredentialHelper"/> when gcloud has an account, else <see cref="AccessToken"/> when Application Default Credentials resolve.</summary>
    Auto,

    /// <summary><c>credHelpers[HOST] = "gcloud"</c> in the user's docker config: docker asks <c>docker-credential-gcloud</c> on every push.</summary>
    CredentialHelper,

    /// <summary>No gcloud: an access token from Application Default Credentials, <c>docker login</c> into a build-scoped docker config.</summary>
    AccessToken,
}
