namespace ArtifactRegistry.Docker;

/// <summary>A docker credential helper could not produce credentials; the message says how to give it some.</summary>
public sealed class DockerCredentialHelperException : Exception
{
    /// <summary>Creates the exception; <paramref name="detail"/> is what the helper said, or what is known, in a sentence.</summary>
    public DockerCredentialHelperException(string helper, string host, DockerCredentialHelperProblem problem, string detail, Exception? innerException = null)
        : base(Describe(helper, host, problem, detail), innerException)
    {
        Helper = helper;
        Host = host;
        Problem = problem;
    }

    /// <summary>The helper's name, <c>gcloud</c> for <c>docker-credential-gcloud</c>.</summary>
    public string Helper { get; }

    /// <summary>The registry host the credentials were for.</summary>
    public string Host { get; }

    /// <summary>What went wrong.</summary>
    public DockerCredentialHelperProblem Problem { get; }

    private static string Describe(string helper, string host, DockerCredentialHelperProblem problem, string detail) => problem switch
    {
        DockerCredentialHelperProblem.NotInstalled =>
            $"docker-credential-{helper} is needed for {host} but is not installed. {detail}",
        DockerCredentialHelperProblem.NoCredentials =>
            $"docker-credential-{helper} has no credentials to give docker for {host}: {detail} " +
            "Fix it with one of: `gcloud auth login` (a person), " +
            "`gcloud auth activate-service-account --key-file=KEY.json` (a CI service account), " +
            "or the AccessToken mode, which needs no gcloud (set GOOGLE_APPLICATION_CREDENTIALS to a key or Workload Identity Federation file).",
        _ =>
            $"docker-credential-{helper} failed to give credentials for {host}: {detail.TrimEnd('.')}. " +
            $"Run `echo {host} | docker-credential-{helper} get` to see its full answer (it prints a token: do not share it).",
    };
}

/// <summary>What went wrong with a docker credential helper.</summary>
public enum DockerCredentialHelperProblem
{
    /// <summary>The helper program is not on PATH.</summary>
    NotInstalled,
    /// <summary>The helper runs but has no credentials (e.g. no gcloud account).</summary>
    NoCredentials,
    /// <summary>The helper failed otherwise.</summary>
    Failed,
}
