namespace ArtifactRegistry.Docker;

/// <summary>The docker CLI is installed but no Docker engine answers it; the message says how to start one and which <c>DOCKER_HOST</c> was used.</summary>
public sealed class DockerEngineUnreachableException : Exception
{
    internal DockerEngineUnreachableException(string? dockerHost, string message) : base(message) => DockerHost = dockerHost;

    /// <summary>The <c>DOCKER_HOST</c> docker used, or null when it used its default (the local socket or the current docker context).</summary>
    public string? DockerHost { get; }
}
