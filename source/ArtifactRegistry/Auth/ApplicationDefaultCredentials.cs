using ArtifactRegistry.Gcloud;

namespace ArtifactRegistry.Auth;

/// <summary>
/// Google's Application Default Credentials without gcloud: <c>GOOGLE_APPLICATION_CREDENTIALS</c>, then the file
/// <c>gcloud auth application-default login</c> writes, then the metadata server of a Google Cloud machine.
/// </summary>
internal static class ApplicationDefaultCredentials
{
    public const string CredentialsVariable = "GOOGLE_APPLICATION_CREDENTIALS";

    /// <summary>Finds the first credential in ADC order. A variable pointing at a bad file is an error, not a reason to look further.</summary>
    /// <exception cref="GoogleCredentialException"><c>GOOGLE_APPLICATION_CREDENTIALS</c> names a missing or unacceptable file.</exception>
    public static async Task<CredentialSearchResult> ResolveAsync(
        ApplicationDefaultCredentialsOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ApplicationDefaultCredentialsOptions();
        var attempts = new List<CredentialAttempt>();

        var explicitPath = options.Environment(CredentialsVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            if (!File.Exists(explicitPath))
                throw new GoogleCredentialException(
                    $"{CredentialsVariable} points at '{explicitPath}', which does not exist. Fix the path or unset the variable.");
            var file = GoogleCredentialFile.Load(explicitPath);
            attempts.Add(new CredentialAttempt(CredentialsVariable, $"{file} ({file.Principal})"));
            return new CredentialSearchResult(file.CreateTokenSource(options.Time), attempts);
        }
        attempts.Add(new CredentialAttempt(CredentialsVariable, "not set")
        {
            Remedy = $"`export {CredentialsVariable}=/path/to/key.json` (a service-account key or a Workload Identity Federation file)",
        });

        var wellKnown = WellKnownFilePath(options);
        if (File.Exists(wellKnown))
        {
            var file = GoogleCredentialFile.Load(wellKnown);
            attempts.Add(new CredentialAttempt("gcloud application-default credentials", $"{file} ({file.Principal})"));
            return new CredentialSearchResult(file.CreateTokenSource(options.Time), attempts);
        }
        attempts.Add(new CredentialAttempt("gcloud application-default credentials", $"no file at {wellKnown}")
        {
            Remedy = "`gcloud auth application-default login`",
        });

        if (!options.UseMetadataServer)
        {
            attempts.Add(new CredentialAttempt("metadata server", "not asked (disabled)"));
            return new CredentialSearchResult(null, attempts);
        }

        var metadata = await MetadataServer.DetectAsync(options, cancellationToken).ConfigureAwait(false);
        if (metadata.Server is null)
        {
            attempts.Add(new CredentialAttempt("metadata server", metadata.Reason)
            {
                Remedy = "only on Google Cloud (GCE, GKE, Cloud Run, Cloud Build): run there with a service account attached",
            });
            return new CredentialSearchResult(null, attempts);
        }

        var source = await metadata.Server.CreateTokenSourceAsync(options.Time, cancellationToken).ConfigureAwait(false);
        attempts.Add(new CredentialAttempt("metadata server", $"{metadata.Server.BaseAddress} ({source.Principal})"));
        return new CredentialSearchResult(source, attempts);
    }

    /// <summary>Where <c>gcloud auth application-default login</c> writes (honours <c>CLOUDSDK_CONFIG</c>).</summary>
    public static string WellKnownFilePath(ApplicationDefaultCredentialsOptions options) =>
        Path.Combine(GcloudConfigDirectory.Locate(options.Environment, options.HomeDirectory), "application_default_credentials.json");
}
