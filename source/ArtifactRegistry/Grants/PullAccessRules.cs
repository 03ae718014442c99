using ArtifactRegistry.Iam;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Grants;

/// <summary>Judges, from the repository's and the project's policies, whether a member may pull; what it cannot judge it says.</summary>
internal static class PullAccessRules
{
    /// <param name="repositoryPolicy">Null when it could not be read.</param>
    /// <param name="projectPolicy">Null when it could not be read.</param>
    /// <param name="unreadable">Why a policy could not be read, one sentence each.</param>
    public static (PullAccessVerdict Verdict, IReadOnlyList<PullAccessBinding> Bindings, IReadOnlyList<string> Unchecked) Judge(
        IamMember member, IamPolicy? repositoryPolicy, IamPolicy? projectPolicy, IReadOnlyList<string> unreadable)
    {
        var bindings = new List<PullAccessBinding>();
        var notChecked = new List<string>(unreadable);
        Inspect(PullAccessScope.Repository, repositoryPolicy);
        Inspect(PullAccessScope.Project, projectPolicy);

        var verdict = bindings.Count > 0 ? PullAccessVerdict.Allowed
            : notChecked.Count > 0 ? PullAccessVerdict.Unknown
            : PullAccessVerdict.NotGranted;
        return (verdict, bindings, verdict == PullAccessVerdict.Allowed ? [] : notChecked);

        void Inspect(PullAccessScope scope, IamPolicy? policy)
        {
            if (policy is null)
                return;
            var where = scope == PullAccessScope.Repository ? "the repository's policy" : "the project's policy";
            foreach (var binding in policy.Bindings)
            {
                foreach (var bound in binding.Members)
                {
                    var names = Names(bound, member);
                    var mayName = !names && MayInclude(bound, member);
                    if (!names && !mayName)
                        continue;
                    if (PullRoles.IsCustom(binding.Role))
                        notChecked.Add($"{where} binds {bound} to the custom role {binding.Role}, whose permissions are not read here.");
                    else if (!PullRoles.Grants(binding.Role))
                        continue;
                    else if (binding.Condition is not null)
                        notChecked.Add($"{where} binds {bound} to {binding.Role} under a condition, which is not evaluated here.");
                    else if (mayName)
                        notChecked.Add($"{where} grants {binding.Role} to {bound}, whose members cannot be listed here.");
                    else
                        bindings.Add(new PullAccessBinding(scope, binding.Role, bound));
                }
            }
        }
    }

    /// <summary>The bound member is the member, or everyone (<c>allUsers</c>), or everyone signed in, which includes any account.</summary>
    private static bool Names(string bound, IamMember member) =>
        string.Equals(bound, member.ToString(), StringComparison.OrdinalIgnoreCase)
        || bound == "allUsers"
        || (bound == "allAuthenticatedUsers" && member.Kind != IamMemberKind.AllUsers);

    /// <summary>A group, domain or principal set may or may not contain the member; only its directory knows.</summary>
    private static bool MayInclude(string bound, IamMember member) =>
        IamMember.TryParse(bound, out var collective, out _) && collective.IsCollective
        && member.Kind is not (IamMemberKind.AllUsers or IamMemberKind.AllAuthenticatedUsers)
        && (collective.Kind != IamMemberKind.Domain || member.Value.EndsWith("@" + collective.Value, StringComparison.OrdinalIgnoreCase));
}
