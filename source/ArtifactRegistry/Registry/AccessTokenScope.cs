using ArtifactRegistry.Auth;

namespace ArtifactRegistry.Registry;

/// <summary>
/// Google's 403 <c>ACCESS_TOKEN_SCOPE_INSUFFICIENT</c>: the token may not call the API at all, whatever roles its principal
/// holds. Typical of a metadata server on a VM or GKE node created with the default access scopes, which leave out
/// <c>cloud-platform</c>: read as a missing permission, it would send the user granting roles that change nothing.
/// </summary>
internal static class AccessTokenScope
{
    public static GoogleCredentialException Insufficient(IAccessTokenSource tokens, ArtifactRegistryApiException refusal)
    {
        var what = $"The access token of {tokens.Principal} from {tokens.Description} lacks the {GoogleCredentialFile.CloudPlatformScope} scope, " +
                   $"so Artifact Registry refuses every call made with it ({(int)refusal.HttpStatus} {refusal.Reason}: {refusal.GoogleMessage.TrimEnd('.')}); no IAM role fixes that. ";
        var fix = MetadataServer.IsSourceOf(tokens)
            ? "A metadata server hands out tokens with the access scopes the VM or GKE node pool was created with, and the default scopes leave cloud-platform out. " +
              "On GKE, use Workload Identity Federation for GKE (`gcloud container clusters update CLUSTER --location=LOCATION --workload-pool=PROJECT_ID.svc.id.goog`, " +
              "then run the build under a Kubernetes service account bound to a Google service account), or create the node pool with " +
              "`gcloud container node-pools create POOL --cluster=CLUSTER --location=LOCATION --scopes=cloud-platform`; on a VM, stop it and run " +
              $"`gcloud compute instances set-service-account INSTANCE --zone=ZONE --service-account={tokens.Principal.Email ?? "SERVICE_ACCOUNT_EMAIL"} --scopes=cloud-platform`."
            : "Get tokens with that scope: whatever issues them must request it (gcloud and Application Default Credentials do by default).";
        return new GoogleCredentialException(what + fix, refusal);
    }
}
