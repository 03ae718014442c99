namespace ArtifactRegistry.Docker;

/// <summary>A docker credential helper could not produce credentials; the message says how to give it some.</summary>
public sealed class DockerCredentialHelperException : Exception
{
    public DockerCredentialHelperException(string helper, string host, DockerCredentialHelperProblem problem, string detail, Exception? innerException = null)
        : base(Describe(helper, host, problem, detail), innerException)
    {
        Helper = helper;
        Host = host;
        Problem = problem;
    }

    public string Helper { get; }

    public string Host { get; }

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

public enum DockerCredentialHelperProblem
{
    NotInstalled,
    NoCredentials,
    Failed,
}
