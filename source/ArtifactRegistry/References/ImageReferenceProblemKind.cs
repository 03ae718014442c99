namespace ArtifactRegistry.References;

/// <summary>What is wrong with an image reference. Problems are reported in this order: the shape first, then the parts.</summary>
public enum ImageReferenceProblemKind
{
    Empty,
    SurroundingWhitespace,
    ContainsWhitespace,
    UrlScheme,
    NoRegistryHost,
    NotArtifactRegistryHost,
    NotDockerHost,
    MissingLocation,
    UnknownLocation,
    EmptyPathSegment,
    MissingProject,
    MissingRepository,
    MissingImage,
    NameTooLong,
    InvalidProjectId,
    InvalidRepositoryId,
    InvalidImagePath,
    InvalidTag,
    InvalidDigest,

    /// <summary>Neither tag nor digest where an operation needs to know which version is meant (never an implicit :latest).</summary>
    NoTagOrDigest,
}
