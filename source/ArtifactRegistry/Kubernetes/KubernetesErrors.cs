using System.Net;
using System.Text.RegularExpressions;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ArtifactRegistry.Kubernetes;

/// <summary>
/// Turns KubernetesClient's failures into <see cref="KubernetesApiException"/>s. <c>HttpOperationException.Message</c>
/// embeds the whole response body, so only the status code and the parsed <see cref="V1Status"/> are used.
/// </summary>
internal static partial class KubernetesErrors
{
    /// <summary>The GKE role that grants what SetImage does (get, list, watch, patch on workloads; pods, their logs and events).</summary>
    public const string DeveloperRole = "roles/container.developer";

    public static KubernetesApiException Translate(Exception exception, KubernetesCall call, KubeConnection connection) => exception switch
    {
        HttpOperationException http => FromStatus(http.Response?.StatusCode, ParseStatus(http.Response?.Content), call, connection, http),
        KubernetesException { Status: { } status } watch => FromStatus((HttpStatusCode?)status.Code, status, call, connection, watch),
        HttpRequestException request => Unreachable(request, call, connection),
        _ => throw new ArgumentException("Not a Kubernetes API failure.", nameof(exception), exception),
    };

    public static bool IsApiFailure(Exception exception) =>
        exception is HttpOperationException or HttpRequestException or KubernetesException { Status: not null };

    private static V1Status? ParseStatus(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        try
        {
            return KubernetesJson.Deserialize<V1Status>(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // a proxy's HTML page: the status code alone then tells
        }
    }

    private static KubernetesApiException FromStatus(HttpStatusCode? code, V1Status? status, KubernetesCall call, KubeConnection connection, Exception inner)
    {
        var serverMessage = status?.Message;
        var said = serverMessage is null ? $"HTTP {(int?)code}" : $"{(int?)code} {status?.Reason}: {serverMessage}";
        var where = $"the API server of kube context {connection.ContextName} ({connection.Server})";
        return code switch
        {
            HttpStatusCode.Unauthorized => new KubernetesApiException(KubernetesApiProblem.Unauthorized, call, code, serverMessage,
                $"{Capitalize(where)} refused the credentials of user {connection.UserName ?? "(none)"} to {call} ({said}): they are expired or not valid for this cluster. " +
                RenewCredentials(connection), inner),
            HttpStatusCode.Forbidden => new KubernetesApiException(KubernetesApiProblem.Forbidden, call, code, serverMessage,
                Forbidden(call, connection, serverMessage, said), inner),
            HttpStatusCode.NotFound => new KubernetesApiException(KubernetesApiProblem.NotFound, call, code, serverMessage,
                $"{Capitalize(where)} found nothing to {call} ({said}).", inner),
            HttpStatusCode.Conflict => new KubernetesApiException(KubernetesApiProblem.Conflict, call, code, serverMessage,
                $"{Capitalize(where)} refused to {call} because the object changed meanwhile ({said}). Run again.", inner),
            _ => new KubernetesApiException(KubernetesApiProblem.Other, call, code, serverMessage,
                $"{Capitalize(where)} failed to {call} ({said}).", inner),
        };
    }

    private static string Forbidden(KubernetesCall call, KubeConnection connection, string? serverMessage, string said)
    {
        var user = serverMessage is not null && UserInMessage().Match(serverMessage) is { Success: true } match ? match.Groups[1].Value : connection.UserName;
        var member = user is null ? "MEMBER"
            : user.EndsWith(".gserviceaccount.com", StringComparison.OrdinalIgnoreCase) ? $"serviceAccount:{user}"
            : user.Contains('@') ? $"user:{user}" : "MEMBER";
        var grant = connection.GkeCluster is { } gke
            ? $"`gcloud projects add-iam-policy-binding {gke.ProjectId} --member={member} --role={DeveloperRole}`"
            : $"`gcloud projects add-iam-policy-binding PROJECT-ID --member={member} --role={DeveloperRole}` on a GKE cluster's project";
        var rbac = $"kubectl create rolebinding setimage --clusterrole=edit --user={user ?? "USER"}" + (call.Namespace is null ? "" : $" --namespace={call.Namespace}");
        return $"{(user is null ? "The credentials" : $"{user}")} may not {call} on kube context {connection.ContextName} ({said}). " +
               $"SetImage needs get, list, watch and patch on the workload, and get, list and watch on pods, their logs, events, replica sets and controller revisions. " +
               $"{DeveloperRole} grants these: {grant}; or bind Kubernetes' edit role in the namespace: `{rbac}`.";
    }

    private static string RenewCredentials(KubeConnection connection)
    {
        var command = connection.GkeCluster?.GetCredentialsCommand ?? "gcloud container clusters get-credentials CLUSTER --location=LOCATION --project=PROJECT-ID";
        return connection.UsesExecPlugin
            ? $"The token came from the context's credential plugin: check its account with `gcloud auth list` and that it may use the cluster, then retry."
            : $"A token written into the kubeconfig (google-github-actions/get-gke-credentials writes one that lasts about an hour) does not renew itself: " +
              $"write the context anew with `{command}`, which uses gke-gcloud-auth-plugin and renews its tokens.";
    }

    private static KubernetesApiException Unreachable(HttpRequestException exception, KubernetesCall call, KubeConnection connection)
    {
        var cause = exception.InnerException is System.Security.Authentication.AuthenticationException
            ? "the TLS handshake failed (the server's certificate does not match the context's certificate-authority-data)"
            : exception.Message;
        return new KubernetesApiException(KubernetesApiProblem.Unreachable, call, null, null,
            $"The API server of kube context {connection.ContextName} ({connection.Server}) cannot be reached to {call}: {cause}. " +
            $"Check that the cluster exists and this machine may reach its endpoint (a private GKE cluster admits only its authorized networks); " +
            $"if the cluster was recreated, write the context anew{(connection.GkeCluster is { } gke ? $" with `{gke.GetCredentialsCommand}`" : "")}.", exception);
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex("User \"([^\"]+)\"")]
    private static partial Regex UserInMessage();
}
