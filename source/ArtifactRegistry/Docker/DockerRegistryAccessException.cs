namespace ArtifactRegistry.Docker;

/// <summary>docker was refused by Artifact Registry; the message explains why and how to fix it, then quotes docker.</summary>
public sealed class DockerRegistryAccessException : Exception
{
    /// <summary>Creates the exception: <paramref name="explanation"/> (why, and the fix) followed by <paramref name="dockerMessage"/>.</summary>
    public DockerRegistryAccessException(DockerRegistryErrorKind kind, string dockerMessage, string explanation, string? permission = null, string? resource = null, Exception? innerException = null)
        : base($"{explanation} (docker said: {dockerMessage})", innerException)
    {
        Kind = kind;
        DockerMessage = dockerMessage;
        Permission = permission;
        Resource = resource;
    }

    /// <summary>Why the registry refused.</summary>
    public DockerRegistryErrorKind Kind { get; }

    /// <summary>docker's own line, unchanged.</summary>
    public string DockerMessage { get; }

    /// <summary>The permission Artifact Registry named, when it did.</summary>
    public string? Permission { get; }

    /// <summary>The resource Artifact Registry named (<c>projects/P/locations/L/repositories/R</c>), when it did.</summary>
    public string? Resource { get; }
}
