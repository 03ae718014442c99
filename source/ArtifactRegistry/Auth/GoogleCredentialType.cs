namespace ArtifactRegistry.Auth;

/// <summary>The kinds of Google credential files the library accepts, by their JSON <c>type</c>: every kind Google.Apis.Auth's <c>CredentialFactory</c> creates.</summary>
public enum GoogleCredentialType
{
    /// <summary><c>service_account</c>: a service-account key (its <c>token_uri</c> is where the signed JWT is exchanged).</summary>
    ServiceAccountKey,

    /// <summary><c>authorized_user</c>: what <c>gcloud auth application-default login</c> writes.</summary>
    AuthorizedUser,

    /// <summary><c>external_account</c>: Workload Identity Federation, as google-github-actions/auth writes it.</summary>
    ExternalAccount,

    /// <summary><c>impersonated_service_account</c>: what <c>gcloud auth application-default login --impersonate-service-account</c> writes; its source credential gets tokens of the target through IAM Credentials' <c>generateAccessToken</c>.</summary>
    ImpersonatedServiceAccount,

    /// <summary><c>external_account_authorized_user</c>: a Workforce Identity Federation sign-in (<c>gcloud auth application-default login</c> with a workforce pool), refreshed at its <c>token_url</c>.</summary>
    ExternalAccountAuthorizedUser,
}
