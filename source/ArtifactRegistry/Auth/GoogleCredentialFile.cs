using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ArtifactRegistry.Iam;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;

namespace ArtifactRegistry.Auth;

/// <summary>
/// A Google credential JSON file, loaded only when its <c>type</c> is one the caller expects: an <c>external_account</c> file
/// can send token requests anywhere, so a file is never trusted just because it parses.
/// </summary>
public sealed partial class GoogleCredentialFile
{
    /// <summary>The scope every token is requested with; Artifact Registry IAM decides what it may do.</summary>
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    private static readonly IReadOnlyDictionary<string, GoogleCredentialType> TypesByName = new Dictionary<string, GoogleCredentialType>
    {
        [JsonCredentialParameters.ServiceAccountCredentialType] = GoogleCredentialType.ServiceAccountKey,
        [JsonCredentialParameters.AuthorizedUserCredentialType] = GoogleCredentialType.AuthorizedUser,
        [JsonCredentialParameters.ExternalAccountCredentialType] = GoogleCredentialType.ExternalAccount,
        [JsonCredentialParameters.ImpersonatedServiceAccountCredentialType] = GoogleCredentialType.ImpersonatedServiceAccount,
        [JsonCredentialParameters.ExternalAccountAuthorizedUserCredentialType] = GoogleCredentialType.ExternalAccountAuthorizedUser,
    };

    private static readonly IReadOnlyCollection<GoogleCredentialType> AllTypes = Enum.GetValues<GoogleCredentialType>();

    private readonly string _json;
    private readonly string _typeName;

    private GoogleCredentialFile(string path, string json, string typeName, GoogleCredentialType type, GooglePrincipal principal, string? tokenEndpoint)
    {
        Path = path;
        _json = json;
        _typeName = typeName;
        Type = type;
        Principal = principal;
        TokenEndpoint = tokenEndpoint;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>The credential type the file declares.</summary>
    public GoogleCredentialType Type { get; }

    /// <summary>The service account of a key, the impersonation target of a federation file, or unknown for user credentials.</summary>
    public GooglePrincipal Principal { get; }

    /// <summary>Where tokens are requested (<c>token_uri</c> / <c>token_url</c>), when the file says.</summary>
    public string? TokenEndpoint { get; }

    /// <summary>Loads <paramref name="path"/>, refusing any credential type outside <paramref name="accepted"/> (all supported types by default).</summary>
    /// <exception cref="GoogleCredentialException">The file is missing, unreadable, not JSON, or of a type not accepted.</exception>
    public static GoogleCredentialFile Load(string path, IReadOnlyCollection<GoogleCredentialType>? accepted = null)
    {
        accepted ??= AllTypes;
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GoogleCredentialException($"The Google credential file '{path}' cannot be read: {e.Message} " +
                                                "Point GOOGLE_APPLICATION_CREDENTIALS at a readable key or federation file, or unset it.", e);
        }

        return Parse(path, json, accepted);
    }

    /// <summary>The credential in <paramref name="json"/>, read from <paramref name="path"/> (named in messages).</summary>
    private static GoogleCredentialFile Parse(string path, string json, IReadOnlyCollection<GoogleCredentialType> accepted)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject
                   ?? throw new GoogleCredentialException($"The Google credential file '{path}' is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new GoogleCredentialException(
                $"The Google credential file '{path}' is not valid JSON (line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}). " +
                "Download the key again or re-create the federation file (google-github-actions/auth writes one).", e);
        }

        var typeName = String(root, "type");
        var acceptedNames = string.Join(", ", TypesByName.Where(pair => accepted.Contains(pair.Value)).Select(pair => pair.Key));
        if (typeName is null || !TypesByName.TryGetValue(typeName, out var type) || !accepted.Contains(type))
            throw new GoogleCredentialException(
                $"The Google credential file '{path}' has type '{typeName ?? "(none)"}', which is not accepted here (accepted: {acceptedNames}). " +
                "Use a service-account key, a Workload Identity or Workforce Identity Federation file, or `gcloud auth application-default login` (with --impersonate-service-account to impersonate).");

        var (principal, tokenEndpoint) = type switch
        {
            GoogleCredentialType.ServiceAccountKey => (ServiceAccountPrincipal(path, root), String(root, "token_uri")),
            GoogleCredentialType.ExternalAccount => (FederationPrincipal(root), String(root, "token_url")),
            GoogleCredentialType.ImpersonatedServiceAccount => (ImpersonationPrincipal(path, root), String(root, "service_account_impersonation_url")),
            GoogleCredentialType.ExternalAccountAuthorizedUser =>
                (GooglePrincipal.Unknown($"the Workforce Identity Federation user of {path} (pool {String(root, "audience") ?? "unknown"})"), String(root, "token_url")),
            _ => (GooglePrincipal.Unknown($"the user of the application-default credentials in {path}"), (string?)null),
        };
        return new GoogleCredentialFile(path, json, typeName, type, principal, tokenEndpoint);
    }

    /// <summary>A token source for this credential; tokens carry the <see cref="CloudPlatformScope"/>.</summary>
    public IAccessTokenSource CreateTokenSource(TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        if (Type == GoogleCredentialType.ImpersonatedServiceAccount)
            return ServiceAccountImpersonation.CreateTokenSource(this, JsonNode.Parse(_json)!.AsObject(), time);
        if (Type == GoogleCredentialType.ServiceAccountKey)
            return ServiceAccountKeyTokens.CreateTokenSource(this, JsonNode.Parse(_json)!.AsObject(), time);
        ICredential credential;
        try
        {
            credential = CredentialFactory.FromJson(_json, _typeName).CreateScoped(CloudPlatformScope).UnderlyingCredential;
        }
        catch (Exception e) when (e is not GoogleCredentialException)
        {
            // Malformed keys surface as format, crypto or JSON exceptions of several libraries; all mean the same to the user.
            throw new GoogleCredentialException($"The Google credential file '{Path}' ({_typeName}) is incomplete or invalid: {e.Message}", e);
        }

        return new RefreshingAccessTokenSource(Describe(), Principal, ct => FetchAsync(credential, time, ct), time);
    }

    /// <summary>The source credential of an impersonation file (a key or a user login), loaded as a file of its own would be.</summary>
    internal static GoogleCredentialFile SourceOf(string path, JsonObject root) =>
        root["source_credentials"] is JsonObject source
            ? Parse(path, source.ToJsonString(), [GoogleCredentialType.ServiceAccountKey, GoogleCredentialType.AuthorizedUser, GoogleCredentialType.ExternalAccount])
            : throw new GoogleCredentialException(
                $"The impersonation file '{path}' has no source_credentials; write it again with " +
                "`gcloud auth application-default login --impersonate-service-account=SERVICE_ACCOUNT_EMAIL`.");

    private string Describe() => Type switch
    {
        GoogleCredentialType.ServiceAccountKey => $"service-account key {Path}",
        GoogleCredentialType.ExternalAccount => $"Workload Identity Federation file {Path}",
        GoogleCredentialType.ImpersonatedServiceAccount => $"impersonated service-account credentials {Path}",
        GoogleCredentialType.ExternalAccountAuthorizedUser => $"Workforce Identity Federation user credentials {Path}",
        _ => $"application-default user credentials {Path}",
    };

    private async Task<AccessToken> FetchAsync(ICredential credential, TimeProvider time, CancellationToken cancellationToken)
    {
        var requestedAt = time.GetUtcNow();
        TokenResponse? token;
        try
        {
            switch (credential)
            {
                case ServiceCredential service:
                    await service.RequestAccessTokenAsync(cancellationToken).ConfigureAwait(false);
                    token = service.Token;
                    break;
                case UserCredential user:
                    await user.RefreshTokenAsync(cancellationToken).ConfigureAwait(false);
                    token = user.Token;
                    break;
                default:
                    throw new GoogleCredentialException($"The credential in '{Path}' is of an unexpected kind ({credential.GetType().Name}).");
            }
        }
        catch (TokenResponseException e)
        {
            throw new GoogleCredentialException(
                $"{Principal} could not get an access token from {TokenEndpoint ?? "Google's token endpoint"} (credential {Path}): " +
                $"{e.Error?.Error} {e.Error?.ErrorDescription}".Trim().TrimEnd('.') + ". " + RemedyFor(e.Error?.Error), e);
        }
        catch (HttpRequestException e)
        {
            throw new GoogleCredentialException(
                $"Could not reach {TokenEndpoint ?? "Google's token endpoint"} to get an access token for {Principal} (credential {Path}): {e.Message}. " +
                "Check the network or proxy settings of the build machine.", e);
        }

        if (token?.AccessToken is not { Length: > 0 } value)
            throw new GoogleCredentialException($"The token endpoint {TokenEndpoint} answered without an access token for {Principal}.");

        // Some exchanges (federation) answer without expires_in; assume the shortest lifetime Google uses there.
        var lifetime = TimeSpan.FromSeconds(token.ExpiresInSeconds ?? (Type == GoogleCredentialType.ExternalAccount ? 600 : 3600));
        return new AccessToken(value, requestedAt, requestedAt + lifetime);
    }

    internal string RemedyFor(string? error) => (Type, error) switch
    {
        (GoogleCredentialType.ServiceAccountKey, "invalid_grant") =>
            $"The key may have been deleted or disabled, or the machine clock is off: check it with gcloud iam service-accounts keys list --iam-account={Principal.Email}",
        (GoogleCredentialType.AuthorizedUser, "invalid_grant") =>
            "The application-default login has expired or was revoked: run gcloud auth application-default login",
        (GoogleCredentialType.ExternalAccount, _) =>
            "Check the workload identity pool provider's attribute conditions and that the identity may impersonate the service account (roles/iam.workloadIdentityUser).",
        _ => "Check that the credential is still valid.",
    };

    private static GooglePrincipal ServiceAccountPrincipal(string path, JsonObject root) =>
        String(root, "client_email") is { } email
            ? GooglePrincipal.ServiceAccount(email)
            : throw new GoogleCredentialException($"The service-account key '{path}' has no client_email; download the key again.");

    /// <summary>The target of an impersonation file: the account whose tokens it gets, and so the one IAM checks.</summary>
    private static GooglePrincipal ImpersonationPrincipal(string path, JsonObject root) =>
        String(root, "service_account_impersonation_url") is { } url && ImpersonationTarget().Match(url) is { Success: true } match
            ? GooglePrincipal.ServiceAccount(Uri.UnescapeDataString(match.Groups["email"].Value))
            : throw new GoogleCredentialException(
                $"The impersonation file '{path}' has no service_account_impersonation_url naming a service account; write it again with " +
                "`gcloud auth application-default login --impersonate-service-account=SERVICE_ACCOUNT_EMAIL`.");

    private static GooglePrincipal FederationPrincipal(JsonObject root)
    {
        var impersonation = String(root, "service_account_impersonation_url");
        if (impersonation is not null && ImpersonationTarget().Match(impersonation) is { Success: true } match)
            return GooglePrincipal.ServiceAccount(Uri.UnescapeDataString(match.Groups["email"].Value));
        return GooglePrincipal.FederatedIdentity(null, String(root, "audience") ?? "(no audience)");
    }

    private static string? String(JsonObject root, string field) =>
        root[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    [GeneratedRegex(@"serviceAccounts/(?<email>[^/:]+):generateAccessToken")]
    private static partial Regex ImpersonationTarget();

    /// <summary>The path and the credential type; never the file's secrets.</summary>
    public override string ToString() => Describe();
}
