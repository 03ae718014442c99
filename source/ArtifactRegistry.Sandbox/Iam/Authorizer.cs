using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Iam;

/// <summary>
/// Decides whether a caller holds a permission on a repository: the union of the project's policy and the repository's.
/// Conditional bindings never grant here (the sandbox does not evaluate CEL), which errs on the side of refusing.
/// </summary>
internal sealed class Authorizer(ArtifactStore store)
{
    public bool Has(Caller caller, RepositoryName repository, string permission)
    {
        var policies = store.PoliciesFor(repository);
        return Grants(policies.Project, caller, permission) || Grants(policies.Repository, caller, permission);
    }

    public bool HasOnProject(Caller caller, string project, string permission) =>
        Grants(store.ProjectPolicy(project), caller, permission);

    public static bool Grants(IamPolicy? policy, Caller caller, string permission)
    {
        if (policy is null)
            return false;
        foreach (var binding in policy.Bindings)
        {
            if (binding.Condition is not null || !Roles.PermissionsOf(binding.Role).Contains(permission))
                continue;
            foreach (var member in binding.Members)
                if (caller.Members.Contains(member))
                    return true;
        }

        return false;
    }
}
