namespace ArtifactRegistry.References;

/// <summary>What is wrong with an image reference. Problems are reported in this order: the shape first, then the parts.</summary>
public enum ImageReferenceProblemKind
{
    /// <summary>The text is empty.</summary>
    Empty,
    /// <summary>Whitespace before or after the reference (often a line ending read from a file).</summary>
    SurroundingWhitespace,
    /// <summary>Whitespace inside the reference.</summary>
    ContainsWhitespace,
    /// <summary>It starts with a URL scheme such as <c>https://</c>.</summary>
    UrlScheme,
    /// <summary>No registry host, so docker would send it to Docker Hub.</summary>
    NoRegistryHost,
    /// <summary>The host is not an Artifact Registry host.</summary>
    NotArtifactRegistryHost,
    /// <summary>An Artifact Registry host, but not the Docker one (e.g. a Maven or Python host).</summary>
    NotDockerHost,
    /// <summary>The host names no location (<c>docker.pkg.dev</c> without <c>LOCATION-</c>).</summary>
    MissingLocation,
    /// <summary>The host's location is not a known Artifact Registry location.</summary>
    UnknownLocation,
    /// <summary>An empty path segment (<c>//</c> or a trailing <c>/</c>), usually an unset variable.</summary>
    EmptyPathSegment,
    /// <summary>The PROJECT-ID segment is missing.</summary>
    MissingProject,
    /// <summary>The REPOSITORY segment is missing: <c>HOST/PROJECT-ID/IMAGE</c> instead of <c>HOST/PROJECT-ID/REPOSITORY/IMAGE</c>.</summary>
    MissingRepository,
    /// <summary>The IMAGE segment is missing.</summary>
    MissingImage,
    /// <summary>Host and path are longer than the 255 characters docker accepts.</summary>
    NameTooLong,
    /// <summary>The project ID breaks Google Cloud's project ID rules.</summary>
    InvalidProjectId,
    /// <summary>The repository ID breaks Artifact Registry's repository ID rules.</summary>
    InvalidRepositoryId,
    /// <summary>The image path breaks the Docker name grammar.</summary>
    InvalidImagePath,
    /// <summary>The tag breaks the Docker tag grammar.</summary>
    InvalidTag,
    /// <summary>The digest is not <c>sha256:</c> and 64 lowercase hex digits.</summary>
    InvalidDigest,

    /// <summary>Neither tag nor digest where an operation needs to know which version is meant (never an implicit :latest).</summary>
    NoTagOrDigest,
}
