using System.Text.RegularExpressions;
using ArtifactRegistry.Iam;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Docker;

/// <summary>
/// Turns docker's terse Artifact Registry refusals into the explanation the preflight would have given:
/// what happened, why, and the command that fixes it. docker's own text is kept at the end.
/// </summary>
public static partial class DockerRegistryErrors
{
    /// <summary>An explanation for <paramref name="dockerOutput"/> (docker's stderr), or <see langword="null"/> when it is not an Artifact Registry refusal.</summary>
    /// <param name="dockerOutput">What docker printed.</param>
    /// <param name="context">What the caller knows: the reference, the principal, the docker config docker used.</param>
    /// <param name="innerException">The process failure, kept as the inner exception.</param>
    public static DockerRegistryAccessException? TryExplain(string dockerOutput, DockerErrorContext? context = null, Exception? innerException = null)
    {
        context ??= new DockerErrorContext();
        var lines = dockerOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        if (lines.FirstOrDefault(line => line.Contains("Missing image name", StringComparison.Ordinal)) is { } missingName)
            return new DockerRegistryAccessException(DockerRegistryErrorKind.MissingRepositorySegment, missingName, ExplainMissingRepository(context), innerException: innerException);

        if (lines.Select(line => PermissionDenied().Match(line)).FirstOrDefault(match => match.Success) is { } denied)
        {
            var permission = denied.Groups["permission"].Value;
            var resource = denied.Groups["resource"].Value;
            return new DockerRegistryAccessException(DockerRegistryErrorKind.PermissionDenied, denied.Value,
                ExplainDenied(permission, resource, context), permission, resource, innerException);
        }

        if (lines.Select(line => Unauthenticated().Match(line)).FirstOrDefault(match => match.Success) is { } unauthenticated)
        {
            var permission = unauthenticated.Groups["permission"].Value;
            var resource = unauthenticated.Groups["resource"].Value;
            return new DockerRegistryAccessException(DockerRegistryErrorKind.Unauthenticated, LineOf(lines, unauthenticated.Value),
                $"docker sent no valid credentials for {HostOf(context)}, so Artifact Registry treated the push as anonymous. " + ExplainCredentials(context),
                permission, resource, innerException);
        }

        if (lines.FirstOrDefault(line => line.Contains("no basic auth credentials", StringComparison.Ordinal)) is { } noCredentials)
            return new DockerRegistryAccessException(DockerRegistryErrorKind.NoCredentials, noCredentials,
                $"docker has no credentials for {HostOf(context)}. " + ExplainCredentials(context), innerException: innerException);

        return null;
    }

    private static string ExplainMissingRepository(DockerErrorContext context)
    {
        var attempted = context.Reference is null ? "The image reference" : $"The image reference '{context.Reference}'";
        var example = context.Reference is not null && context.Reference.Split('/') is [var host, var project, var image, ..]
            ? $" e.g. {host}/{project}/REPOSITORY/{image}"
            : " e.g. asia-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE:TAG";
        return $"{attempted} has no REPOSITORY segment. Artifact Registry images are HOST/PROJECT-ID/REPOSITORY/IMAGE " +
               $"(Container Registry's HOST/PROJECT-ID/IMAGE form does not work on *-docker.pkg.dev):{example}. " +
               "Create the repository if needed with: gcloud artifacts repositories create REPOSITORY --repository-format=docker --location=LOCATION --project=PROJECT-ID.";
    }

    private static string ExplainDenied(string permission, string resource, DockerErrorContext context)
    {
        var principal = context.Principal ?? GooglePrincipal.Unknown("the account docker authenticated as");
        var host = HostOf(context);
        var credentials = context.Config is not null && !HasCredentialsFor(context.Config, context.ActualHost ?? host)
            ? $" First, though: docker had no credentials for {context.ActualHost ?? host}, so it pushed anonymously, and that alone causes this error. " +
              ExplainCredentials(context)
            : "";

        if (RepositoryName.TryParse(resource, out var repository))
        {
            var role = ArtifactRegistryPermissions.SmallestRoleFor(permission);
            return $"Artifact Registry denied {permission} on {resource}: either {principal.Description} lacks it, or the repository does not exist " +
                   $"(Artifact Registry answers both the same way).{credentials} " +
                   $"If the repository exists, grant the smallest role that includes it, {role}, with: " +
                   $"{GcloudCommands.AddRepositoryIamBinding(repository, principal, role)}. " +
                   $"If it does not exist, create it with: {GcloudCommands.CreateDockerRepository(repository)}.{GcloudCommands.UnknownMemberHint(principal)}";
        }

        return $"Artifact Registry denied {permission} on {resource} (or it may not exist).{credentials} " +
               $"Check that the image reference names an existing repository (HOST/PROJECT-ID/REPOSITORY/IMAGE) and that {principal.Description} holds " +
               $"{ArtifactRegistryPermissions.SmallestRoleFor(permission)} on it: gcloud artifacts repositories add-iam-policy-binding REPOSITORY " +
               $"--location=LOCATION --project=PROJECT-ID --member={principal.IamMember ?? GcloudCommands.UnknownMember} --role={ArtifactRegistryPermissions.SmallestRoleFor(permission)}.";
    }

    private static string ExplainCredentials(DockerErrorContext context)
    {
        var host = HostOf(context);
        var state = context.Config is null
            ? ""
            : HasCredentialsFor(context.Config, context.ActualHost ?? host)
                ? $" The docker config {context.Config.Path} has an entry for it, so the credentials there are wrong or expired (an access token lasts an hour, a direct Workload Identity Federation token 10 minutes)."
                : $" The docker config {context.Config.Path} has no credHelpers entry or login for it" +
                  (context.Config.CredentialHelpers.Count > 0 ? $" (only for {string.Join(", ", context.Config.CredentialHelpers.Keys)})." : ".");
        return $"Docker needs credentials for exactly this host.{state} Fix: run the EnsureDockerAuth step for it, or `gcloud auth configure-docker {host}` " +
               $"(a bare `gcloud auth configure-docker` configures only the gcr.io hosts), or log in with an access token: " +
               $"`gcloud auth print-access-token | docker login -u oauth2accesstoken --password-stdin https://{host}`.";
    }

    private static bool HasCredentialsFor(DockerConfig config, string host) =>
        config.CredentialHelperFor(host) is not null || config.AuthenticatedHosts.Any(auth => StripScheme(auth) == host);

    private static string StripScheme(string address)
    {
        var withoutScheme = address.Contains("://", StringComparison.Ordinal) ? address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..] : address;
        return withoutScheme.TrimEnd('/');
    }

    private static string HostOf(DockerErrorContext context) =>
        context.CanonicalHost ?? context.Reference?.Split('/')[0] ?? "the registry host";

    private static string LineOf(string[] lines, string fragment) => lines.FirstOrDefault(line => line.Contains(fragment, StringComparison.Ordinal)) ?? fragment;

    [GeneratedRegex("""denied: Permission "(?<permission>[^"]+)" denied on resource "(?<resource>[^"]+)"(?: \(or it may not exist\))?""")]
    private static partial Regex PermissionDenied();

    [GeneratedRegex(@"Unauthenticated requests? do not have permission ""(?<permission>[^""]+)"" on resource ""(?<resource>[^""]+)""")]
    private static partial Regex Unauthenticated();
}
