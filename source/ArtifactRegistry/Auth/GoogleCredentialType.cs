namespace ArtifactRegistry.Auth;

/// <summary>The kinds of Google credential files the library accepts, by their JSON <c>type</c>.</summary>
public enum GoogleCredentialType
{
    /// <summary><c>service_account</c>: a service-account key (its <c>token_uri</c> is where the signed JWT is exchanged).</summary>
    ServiceAccountKey,

    /// <summary><c>authorized_user</c>: what <c>gcloud auth application-default login</c> writes.</summary>
    AuthorizedUser,

    /// <summary><c>external_account</c>: Workload Identity Federation, as google-github-actions/auth writes it.</summary>
    ExternalAccount,
}
