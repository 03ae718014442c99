using ArtifactRegistry.References;

namespace ArtifactRegistry.Iam;

/// <summary>The exact gcloud commands that fix access problems, for error messages.</summary>
internal static class GcloudCommands
{
    /// <summary>The member placeholder used when the principal is unknown.</summary>
    public const string UnknownMember = "MEMBER";

    public static string AddRepositoryIamBinding(RepositoryName repository, GooglePrincipal principal, string role) =>
        $"gcloud artifacts repositories add-iam-policy-binding {repository.RepositoryId} --location={repository.LocationId} " +
        $"--project={repository.ProjectId} --member={principal.IamMember ?? UnknownMember} --role={role}";

    /// <summary>The grant of <paramref name="role"/> on <paramref name="repository"/> to an IAM member written out (<c>serviceAccount:…</c>, <c>group:…</c>).</summary>
    public static string AddRepositoryIamBinding(RepositoryName repository, string member, string role) =>
        $"gcloud artifacts repositories add-iam-policy-binding {repository.RepositoryId} --location={repository.LocationId} " +
        $"--project={repository.ProjectId} --member={member} --role={role}";

    public static string CreateDockerRepository(RepositoryName repository) =>
        $"gcloud artifacts repositories create {repository.RepositoryId} --repository-format=docker " +
        $"--location={repository.LocationId} --project={repository.ProjectId}";

    public static string AddProjectIamBinding(string projectId, GooglePrincipal principal, string role) =>
        $"gcloud projects add-iam-policy-binding {projectId} --member={principal.IamMember ?? UnknownMember} --role={role}";

    /// <summary>A sentence for messages when the principal is not known, telling how to find it.</summary>
    public static string UnknownMemberHint(GooglePrincipal principal) => principal.IsKnown
        ? ""
        : $" Replace {UnknownMember} with the account behind the credentials ({principal.Description}; `gcloud auth list` shows gcloud's), " +
          "e.g. serviceAccount:NAME@PROJECT.iam.gserviceaccount.com or user:NAME@example.com.";
}
