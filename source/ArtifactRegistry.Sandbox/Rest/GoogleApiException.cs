using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary>
/// An error answered in Google's shape, <c>{"error":{"code":…,"message":…,"status":…}}</c>; gcloud prints it as
/// <c>STATUS: message</c>.
/// </summary>
internal sealed class GoogleApiException(int code, string status, string message) : Exception(message)
{
    public int Code { get; } = code;

    public string Status { get; } = status;

    /// <summary>For PERMISSION_DENIED: the <c>google.rpc.ErrorInfo</c> detail Google attaches (reason, permission, resource).</summary>
    public (string Reason, string Permission, string Resource)? ErrorInfo { get; init; }

    /// <summary>Seconds a client should wait before retrying (429 answers).</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>A token without the cloud-platform scope (a machine created with the default access scopes): Google's text and reason.</summary>
    public static GoogleApiException ScopeInsufficient() =>
        new(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.") { IsScopeInsufficient = true };

    /// <summary>Answered with <c>ErrorInfo</c> reason <c>ACCESS_TOKEN_SCOPE_INSUFFICIENT</c> and an <c>insufficient_scope</c> challenge.</summary>
    public bool IsScopeInsufficient { get; init; }

    public static GoogleApiException PermissionDenied(string permission, string fullResource) =>
        new(403, "PERMISSION_DENIED", $"Permission '{permission}' denied on resource '{fullResource}' (or it may not exist).")
        {
            ErrorInfo = ("IAM_PERMISSION_DENIED", permission, fullResource),
        };

    public static GoogleApiException MissingCredentials() =>
        new(401, "UNAUTHENTICATED",
            "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.");

    public static GoogleApiException InvalidCredentials() =>
        new(401, "UNAUTHENTICATED",
            "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.");

    public static GoogleApiException NotFound(string message = "Requested entity was not found.") => new(404, "NOT_FOUND", message);

    public static GoogleApiException InvalidArgument(string message) => new(400, "INVALID_ARGUMENT", message);

    public static GoogleApiException FailedPrecondition(string message) => new(400, "FAILED_PRECONDITION", message);

    public static GoogleApiException AlreadyExists(string message) => new(409, "ALREADY_EXISTS", message);

    public static GoogleApiException Aborted(string message) => new(409, "ABORTED", message);

    public static GoogleApiException From(StoreException e) => e.Error switch
    {
        StoreError.NotFound => NotFound(e.Message),
        StoreError.AlreadyExists => AlreadyExists(e.Message),
        StoreError.FailedPrecondition => FailedPrecondition(e.Message),
        _ => InvalidArgument(e.Message),
    };
}
