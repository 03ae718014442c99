using ArtifactRegistry.Sandbox.Cluster.Store;
using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Rest;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Cluster.Api;

/// <summary>
/// Authentication and authorization the way GKE does them: the bearer token is a Google OAuth access token (here: one the
/// sandbox issued), and a request is allowed when the caller holds the matching <c>container.*</c> permission through a role on
/// the cluster's project (<c>roles/container.developer</c>, <c>roles/container.viewer</c>, …). Refusals carry GKE's wording.
/// </summary>
internal sealed class ClusterAccess(SandboxServices services, string clusterProject)
{
    public Caller Authenticate(HttpContext http)
    {
        var token = RestRouter.BearerToken(http.Request);
        return token is not null && services.AccessTokens.TryValidate(token, out var grant) ? grant.Caller : throw KubeStatus.Unauthorized();
    }

    /// <summary>Refuses with 403 unless <paramref name="caller"/> may <paramref name="verb"/> the resource.</summary>
    public void Authorize(Caller caller, string verb, ResourceType type, string? ns, string? name, string? subresource)
    {
        var permission = Permission(verb, type, subresource);
        if (services.Authorizer.HasOnProject(caller, clusterProject, permission))
            return;
        var resource = subresource is null ? type.Plural : type.Plural + "/" + subresource;
        var what = name is null ? $"{type.QualifiedPlural} is forbidden" : $"{type.QualifiedPlural} \"{name}\" is forbidden";
        var where = ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"";
        throw new KubeStatus(403, "Forbidden",
            $"{what}: User \"{caller}\" cannot {verb} resource \"{resource}\" in API group \"{type.Group}\" {where}: requires one of [\"{permission}\"] permission(s).")
        {
            Details = (name, type.Group, type.Plural),
        };
    }

    /// <summary>GKE's permission for a Kubernetes verb: watch needs list, patch needs update, subresources have their own.</summary>
    public static string Permission(string verb, ResourceType type, string? subresource)
    {
        var noun = "container." + type.PermissionNoun;
        var read = verb is "get" or "list" or "watch";
        return subresource switch
        {
            "log" => noun + ".getLogs",
            "status" => noun + (read ? ".getStatus" : ".updateStatus"),
            "scale" => noun + (read ? ".getScale" : ".updateScale"),
            _ => noun + "." + verb switch
            {
                "watch" => "list",
                "patch" => "update",
                "deletecollection" => "delete",
                _ => verb,
            },
        };
    }
}
