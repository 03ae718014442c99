using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Http;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary>
/// getIamPolicy / setIamPolicy / testIamPermissions on repositories (Artifact Registry) and on projects
/// (Cloud Resource Manager v1, served on the same endpoint so <c>gcloud projects add-iam-policy-binding</c> works too).
/// </summary>
internal static class IamApi
{
    private const string ProjectDenied = "The caller does not have permission";

    public static Task GetRepositoryPolicyAsync(RestCall call)
    {
        call.Require(Permissions.RepositoriesGetIamPolicy);
        var policy = call.Store.RepositoryPolicy(call.Repository);
        return call.Json(w => ResourceJson.Policy(w, policy));
    }

    public static async Task SetRepositoryPolicyAsync(RestCall call)
    {
        call.Require(Permissions.RepositoriesSetIamPolicy);
        var (bindings, version, etag) = await ReadPolicyAsync(call).ConfigureAwait(false);
        var policy = Change(() => call.Store.SetRepositoryPolicy(call.Repository, (p, next) => p.WithBindings(bindings, version, next), etag));
        await call.Json(w => ResourceJson.Policy(w, policy)).ConfigureAwait(false);
    }

    public static async Task TestRepositoryPermissionsAsync(RestCall call)
    {
        var requested = await ReadPermissionsAsync(call).ConfigureAwait(false);
        if (requested.Any(call.Services.UntestablePermissions.ContainsKey))
            throw GoogleApiException.InvalidArgument("Request contains an invalid argument.");
        var held = requested.Where(p => call.Services.Authorizer.Has(call.Caller, call.Repository, p)).ToList();
        await WritePermissionsAsync(call, held).ConfigureAwait(false);
    }

    public static Task GetProjectPolicyAsync(RestCall call)
    {
        RequireProject(call, Permissions.ProjectsGetIamPolicy);
        var policy = call.Store.ProjectPolicy(call.Target.Project!) ?? IamPolicy.Empty;
        return call.Json(w => ResourceJson.Policy(w, policy));
    }

    public static async Task SetProjectPolicyAsync(RestCall call)
    {
        RequireProject(call, Permissions.ProjectsSetIamPolicy);
        var (bindings, version, etag) = await ReadPolicyAsync(call).ConfigureAwait(false);
        var policy = Change(() => call.Store.SetProjectPolicy(call.Target.Project!, (p, next) => p.WithBindings(bindings, version, next), etag));
        await call.Json(w => ResourceJson.Policy(w, policy)).ConfigureAwait(false);
    }

    public static async Task TestProjectPermissionsAsync(RestCall call)
    {
        var requested = await ReadPermissionsAsync(call).ConfigureAwait(false);
        var held = requested.Where(p => call.Services.Authorizer.HasOnProject(call.Caller, call.Target.Project!, p)).ToList();
        await WritePermissionsAsync(call, held).ConfigureAwait(false);
    }

    private static void RequireProject(RestCall call, string permission)
    {
        if (!call.Services.Authorizer.HasOnProject(call.Caller, call.Target.Project!, permission))
            throw new GoogleApiException(403, "PERMISSION_DENIED", ProjectDenied)
            {
                ErrorInfo = ("IAM_PERMISSION_DENIED", permission, "//cloudresourcemanager.googleapis.com/projects/" + call.Target.Project),
            };
    }

    private static IamPolicy Change(Func<IamPolicy> change)
    {
        try
        {
            return change();
        }
        catch (EtagMismatchException e)
        {
            throw GoogleApiException.Aborted("There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff. " + e.Message);
        }
    }

    private static async Task<(ImmutableArray<IamBinding> Bindings, int Version, string? Etag)> ReadPolicyAsync(RestCall call)
    {
        using var body = await JsonBody.ReadAsync(call.Http.Request, call.Aborted).ConfigureAwait(false);
        if (body is null || !body.RootElement.TryGetProperty("policy", out var policy) || policy.ValueKind != JsonValueKind.Object)
            throw GoogleApiException.InvalidArgument("The request must contain a \"policy\".");
        var bindings = ImmutableArray.CreateBuilder<IamBinding>();
        if (policy.TryGetProperty("bindings", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var binding in array.EnumerateArray())
            {
                var role = binding.TryGetProperty("role", out var r) ? r.GetString() ?? "" : "";
                if (!Roles.IsKnown(role))
                    throw GoogleApiException.InvalidArgument($"Role {role} is not supported for this resource.");
                var members = ImmutableArray.CreateBuilder<string>();
                if (binding.TryGetProperty("members", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var member in list.EnumerateArray().Select(m => m.GetString() ?? ""))
                    {
                        if (!Members.IsValid(member))
                            throw GoogleApiException.InvalidArgument($"Invalid member: {member}. Members look like serviceAccount:NAME@PROJECT.iam.gserviceaccount.com, user:EMAIL, group:EMAIL, allUsers.");
                        if (!members.Contains(member))
                            members.Add(member);
                    }
                }

                var condition = binding.TryGetProperty("condition", out var c) && c.ValueKind == JsonValueKind.Object ? JsonNode.Parse(c.GetRawText())!.AsObject() : null;
                var existing = bindings.FindIndex(b => b.Role == role && b.Condition is null && condition is null);
                if (existing >= 0)
                    bindings[existing] = bindings[existing] with { Members = bindings[existing].Members.AddRange(members.Where(m => !bindings[existing].Members.Contains(m))) };
                else
                    bindings.Add(new IamBinding(role, members.ToImmutable(), condition));
            }
        }

        var version = policy.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 1;
        if (bindings.Any(b => b.Condition is not null))
            version = 3;
        var etag = policy.TryGetProperty("etag", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        return (bindings.ToImmutable(), version, etag);
    }

    private static async Task<List<string>> ReadPermissionsAsync(RestCall call)
    {
        using var body = await JsonBody.ReadAsync(call.Http.Request, call.Aborted).ConfigureAwait(false);
        if (body is null || !body.RootElement.TryGetProperty("permissions", out var permissions) || permissions.ValueKind != JsonValueKind.Array)
            return [];
        return permissions.EnumerateArray().Select(p => p.GetString() ?? "").Distinct().ToList();
    }

    private static Task WritePermissionsAsync(RestCall call, List<string> held) =>
        call.Json(w =>
        {
            w.WriteStartObject();
            if (held.Count > 0)
            {
                w.WriteStartArray("permissions");
                foreach (var permission in held)
                    w.WriteStringValue(permission);
                w.WriteEndArray();
            }

            w.WriteEndObject();
        });

    private static int FindIndex(this ImmutableArray<IamBinding>.Builder bindings, Func<IamBinding, bool> match)
    {
        for (var i = 0; i < bindings.Count; i++)
            if (match(bindings[i]))
                return i;
        return -1;
    }
}
