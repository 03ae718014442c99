using ArtifactRegistry.Hints;
using ArtifactRegistry.Access;
using ArtifactRegistry.Context;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Grants;

/// <summary>
/// Says whether a member (a GKE node pool's service account, typically) can pull from a repository, and through which
/// binding: on the repository, or on its project. Reads both policies; one the caller may not read is reported as not checked.
/// <c>var access = await CheckPullAccess.RunAsync(context, s =&gt; s.SetRepository("asia-docker.pkg.dev/p/repo").SetMember("serviceAccount:…"))</c>.
/// </summary>
public static class CheckPullAccess
{
    /// <summary>Runs with the settings <paramref name="configure"/> makes from the defaults.</summary>
    /// <inheritdoc cref="RunAsync(OperationContext, CheckPullAccessSettings, CancellationToken)"/>
    public static Task<PullAccessResult> RunAsync(OperationContext context, Func<CheckPullAccessSettings, CheckPullAccessSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RunAsync(context, configure(new CheckPullAccessSettings()), cancellationToken);
    }

    /// <exception cref="SettingsException">No repository or member, or a malformed one.</exception>
    /// <exception cref="RepositoryNotFoundException">The repository does not exist.</exception>
    /// <exception cref="Auth.GoogleCredentialException">No credentials: the context has no token source and Application Default Credentials find none.</exception>
    public static async Task<PullAccessResult> RunAsync(OperationContext context, CheckPullAccessSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Member))
        {
            var setting = SettingNames.CheckMember.With("serviceAccount:NAME@PROJECT.iam.gserviceaccount.com");
            throw new SettingsException(
                $"CheckPullAccess was given no member to check.{Environment.NewLine}" +
                $"It reports whether one member may pull from the repository, so it needs to know whose access to check.{Environment.NewLine}" +
                $"Name it: {setting}, e.g. the node pool's service account.", setting);
        }
        var member = IamMember.Parse(settings.Member, SettingNames.CheckMember.With("serviceAccount:NAME@PROJECT.iam.gserviceaccount.com"));
        var repository = RepositoryArgument.Parse(settings.Repository, nameof(CheckPullAccess), SettingNames.CheckRepository);

        using var client = await RestOnlyClient.OpenAsync(context, nameof(CheckPullAccess), cancellationToken).ConfigureAwait(false);
        var unreadable = new List<string>();
        var principal = client.Tokens.Principal.Description;
        var repositoryPolicy = client.GetIamPolicyAsync(repository, cancellationToken);
        var projectPolicy = client.GetProjectIamPolicyAsync(repository, cancellationToken);

        IamPolicy? onRepository = null;
        try
        {
            onRepository = await repositoryPolicy.ConfigureAwait(false);
        }
        catch (ArtifactRegistryApiException e) when (e.IsNotFound)
        {
            await Observe(projectPolicy).ConfigureAwait(false);
            throw new RepositoryNotFoundException(repository, client.Tokens.Principal, ArtifactRegistryPermissions.ReaderRole);
        }
        catch (ArtifactRegistryApiException e) when (e.IsPermissionDenied)
        {
            unreadable.Add($"the repository's policy ({principal} lacks {ArtifactRegistryPermissions.GetIamPolicy}, which {ArtifactRegistryPermissions.AdminRole} or roles/viewer carries).");
        }

        IamPolicy? onProject = null;
        try
        {
            onProject = await projectPolicy.ConfigureAwait(false);
        }
        catch (ArtifactRegistryApiException e) when (e.IsPermissionDenied || e.IsNotFound)
        {
            unreadable.Add($"project {repository.ProjectId}'s policy ({principal} lacks {ArtifactRegistryPermissions.GetProjectIamPolicy}, which roles/resourcemanager.projectIamAdmin or roles/viewer carries).");
        }

        var (verdict, bindings, notChecked) = PullAccessRules.Judge(member, onRepository, onProject, unreadable);
        var result = new PullAccessResult
        {
            Repository = repository,
            Member = member.ToString(),
            Verdict = verdict,
            Bindings = bindings,
            Unchecked = notChecked,
            GrantCommand = GcloudCommands.AddRepositoryIamBinding(repository, member.ToString(), ArtifactRegistryPermissions.ReaderRole),
        };
        context.Logger.Log(verdict == PullAccessVerdict.Allowed ? LogLevel.Information : LogLevel.Warning, "CheckPullAccess: {Result}", result);
        return result;
    }

    /// <summary>The other request's failure is of no interest once one has failed; it must not go unobserved, though.</summary>
    private static async Task Observe(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (ArtifactRegistryApiException)
        {
        }
    }
}
