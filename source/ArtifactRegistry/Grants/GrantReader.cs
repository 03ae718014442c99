using ArtifactRegistry.Hints;
using ArtifactRegistry.Access;
using ArtifactRegistry.Context;
using ArtifactRegistry.Iam;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Grants;

/// <summary>
/// Lets a member pull from a repository: adds it to the repository's <c>roles/artifactregistry.reader</c> binding, typically for a
/// GKE node pool's service account in another project:
/// <c>await GrantReader.RunAsync(context, s =&gt; s.SetRepository("asia-docker.pkg.dev/p/repo").SetMember("serviceAccount:nodes@cluster-project.iam.gserviceaccount.com"))</c>.
/// Replaces <c>gcloud artifacts repositories add-iam-policy-binding … --role=roles/artifactregistry.reader</c>; idempotent.
/// </summary>
public static class GrantReader
{
    /// <summary>How many read-modify-write rounds a grant gets when the policy keeps changing under it.</summary>
    internal const int MaxAttempts = 5;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs with the settings <paramref name="configure"/> makes from the defaults.</summary>
    /// <inheritdoc cref="RunAsync(OperationContext, GrantReaderSettings, CancellationToken)"/>
    public static Task<GrantReaderResult> RunAsync(OperationContext context, Func<GrantReaderSettings, GrantReaderSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RunAsync(context, configure(new GrantReaderSettings()), cancellationToken);
    }

    /// <summary>
    /// Validates the member and the repository, then reads the repository's policy (<c>getIamPolicy</c>); when the member is
    /// not yet an unconditional reader, writes the policy back with it (<c>setIamPolicy</c> with the read's etag), reading
    /// again and retrying with growing waits when another change came in between (ABORTED).
    /// </summary>
    /// <exception cref="ArgumentException">No repository or member, a malformed one, or a member that would make the repository public.</exception>
    /// <exception cref="IamPolicyAccessDeniedException">The credentials may not read or change the policy; the message gives an administrator's command.</exception>
    /// <exception cref="RepositoryNotFoundException">The repository does not exist.</exception>
    /// <exception cref="IamPolicyConflictException">The policy changed under every attempt.</exception>
    /// <exception cref="Auth.GoogleCredentialException">No credentials: the context has no token source and Application Default Credentials find none.</exception>
    public static async Task<GrantReaderResult> RunAsync(OperationContext context, GrantReaderSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var started = context.Time.GetTimestamp();
        var member = ParseMember(settings.Member);
        var repository = RepositoryArgument.Parse(settings.Repository, nameof(GrantReader), SettingNames.GrantRepository);
        var role = ArtifactRegistryPermissions.ReaderRole;
        var grantCommand = GcloudCommands.AddRepositoryIamBinding(repository, member.ToString(), role);
        var warnings = Warnings(member);
        foreach (var warning in warnings)
            context.Logger.LogWarning("GrantReader: {Warning}", warning);

        using var client = await RestOnlyClient.OpenAsync(context, nameof(GrantReader), cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            context.Logger.LogInformation("GrantReader: reading the IAM policy of {Repository}", repository);
            var policy = await ReadAsync(client, repository, grantCommand, cancellationToken).ConfigureAwait(false);
            if (policy.Grants(role, member.ToString()))
            {
                context.Logger.LogInformation("GrantReader: {Member} already holds {Role} on {Repository}; nothing to change", member, role, repository);
                return Result(changed: false);
            }

            try
            {
                await client.SetIamPolicyAsync(repository, policy.WithMember(role, member.ToString()), cancellationToken).ConfigureAwait(false);
                context.Logger.LogInformation("GrantReader: granted {Role} on {Repository} to {Member}", role, repository, member);
                return Result(changed: true);
            }
            catch (ArtifactRegistryApiException e) when (e.IsPermissionDenied)
            {
                throw new IamPolicyAccessDeniedException(repository, client.Tokens.Principal, ArtifactRegistryPermissions.SetIamPolicy, grantCommand, e);
            }
            catch (ArtifactRegistryApiException e) when (IsStaleEtag(e))
            {
                if (attempt == MaxAttempts)
                    throw new IamPolicyConflictException(repository, attempt, e);
                var wait = FirstBackoff * Math.Pow(2, attempt - 1);
                context.Logger.LogWarning("GrantReader: the policy of {Repository} changed since it was read (ABORTED); reading it again in {Wait}", repository, wait);
                await Task.Delay(wait, context.Time, cancellationToken).ConfigureAwait(false);
            }

            GrantReaderResult Result(bool changed)
            {
                var result = new GrantReaderResult
                {
                    Repository = repository,
                    Member = member.ToString(),
                    Role = role,
                    Changed = changed,
                    Attempts = attempt,
                    Warnings = warnings,
                    Duration = context.Time.GetElapsedTime(started),
                };
                context.Logger.LogInformation("GrantReader done{NewLine}{Table}", Environment.NewLine, result);
                return result;
            }
        }
    }

    private static readonly SettingName Member = SettingNames.ReaderMember.With("serviceAccount:NAME@PROJECT.iam.gserviceaccount.com");

    /// <exception cref="SettingsException">Missing, malformed, or public.</exception>
    private static IamMember ParseMember(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new SettingsException(
                $"GrantReader was given no member to let pull: {Member}. " +
                "For GKE nodes that is the node pool's service account: gcloud container node-pools describe POOL --cluster=CLUSTER --location=LOCATION " +
                "--format='value(config.serviceAccount)' prints it.", Member);
        var member = IamMember.Parse(text, Member);
        if (member.IsPublic)
            throw new SettingsException(
                $"GrantReader will not grant {member}.{Environment.NewLine}" +
                $"That makes the repository readable by {(member.Kind == IamMemberKind.AllUsers ? "anyone on the internet" : "anyone with a Google account")}.{Environment.NewLine}" +
                $"Grant a service account instead ({Member}); if a public repository is really meant, make it so deliberately with gcloud artifacts repositories add-iam-policy-binding.",
                Member);
        return member;
    }

    private static IReadOnlyList<string> Warnings(IamMember member) => member.IsComputeEngineDefault
        ?
        [
            $"{member.Value} is a Compute Engine default service account: every VM of its project that has no account of its own runs as it, " +
            "so this grant lets all of them pull from the repository. GKE recommends a dedicated node service account with " +
            "roles/container.defaultNodeServiceAccount (gcloud iam service-accounts create gke-nodes, then --service-account on the node pool); " +
            "grant that account instead.",
        ]
        : [];

    private static async Task<IamPolicy> ReadAsync(ArtifactRegistryClient client, RepositoryName repository, string grantCommand, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetIamPolicyAsync(repository, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactRegistryApiException e) when (e.IsNotFound)
        {
            throw new RepositoryNotFoundException(repository, client.Tokens.Principal, ArtifactRegistryPermissions.AdminRole);
        }
        catch (ArtifactRegistryApiException e) when (e.IsPermissionDenied)
        {
            throw new IamPolicyAccessDeniedException(repository, client.Tokens.Principal, ArtifactRegistryPermissions.GetIamPolicy, grantCommand, e);
        }
    }

    private static bool IsStaleEtag(ArtifactRegistryApiException e) =>
        e.HttpStatus == System.Net.HttpStatusCode.Conflict && e.GoogleStatus is "ABORTED" or null;
}
