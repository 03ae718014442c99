using System.Net;

namespace ArtifactRegistry.Registry;

/// <summary>
/// The registry's Docker Registry API refused a blob or manifest upload of a multi-platform push: the call, the HTTP status and
/// the registry's own error code and message, followed by what to do about it.
/// </summary>
public sealed class RegistryUploadException : Exception
{
    internal RegistryUploadException(string message, HttpMethod method, string path, HttpStatusCode status, string? registryCode) : base(message)
    {
        Method = method;
        Path = path;
        HttpStatus = status;
        RegistryCode = registryCode;
    }

    /// <summary>The HTTP method of the refused call.</summary>
    public HttpMethod Method { get; }

    /// <summary>The path of the refused call, e.g. <c>/v2/PROJECT/REPOSITORY/IMAGE/manifests/TAG</c>.</summary>
    public string Path { get; }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode HttpStatus { get; }

    /// <summary>The first error code the registry sent (<c>DENIED</c>, <c>MANIFEST_INVALID</c>, <c>TAG_INVALID</c>…), or null.</summary>
    public string? RegistryCode { get; }
}
