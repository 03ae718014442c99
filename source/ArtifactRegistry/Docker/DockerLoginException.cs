namespace ArtifactRegistry.Docker;

/// <summary><c>docker login</c> failed: the registry refused the token, or docker could not reach it.</summary>
public sealed class DockerLoginException(string host, int exitCode, string output, bool refused)
    : Exception(refused
        ? $"The registry {host} refused the access token at docker login: {output} The token has expired or was revoked, or its account is unknown: " +
          "check the credential it came from (the key or Workload Identity Federation file, `gcloud auth application-default login`), then run the step again."
        : $"docker login to {host} failed with exit code {exitCode}: {output} " +
          "Check that docker can reach the registry (proxy settings, DOCKER_HOST), then run the step again.")
{
    /// <summary>The registry host docker logged in to.</summary>
    public string Host { get; } = host;

    /// <summary>docker login's exit code.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>Whether the registry answered and refused the credentials (rather than not being reached).</summary>
    public bool Refused { get; } = refused;
}
