namespace ArtifactRegistry.Docker;

/// <summary>The Artifact Registry refusals docker reports, as users meet them.</summary>
public enum DockerRegistryErrorKind
{
    /// <summary><c>name invalid: Missing image name…</c>: the reference has no REPOSITORY segment.</summary>
    MissingRepositorySegment,

    /// <summary><c>denied: Permission "…uploadArtifacts" denied on resource "…" (or it may not exist)</c>.</summary>
    PermissionDenied,

    /// <summary><c>Unauthenticated request…</c>: docker sent no (valid) credentials.</summary>
    Unauthenticated,

    /// <summary><c>no basic auth credentials</c>: docker has no credentials for the host at all.</summary>
    NoCredentials,
}
