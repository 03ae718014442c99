using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Registry;

/// <summary>One authenticated Registry API request on a location's listener.</summary>
internal sealed class RegistryRequest(HttpContext http, RegistryPath path, RegistryListener listener, Caller caller, SandboxServices services)
{
    private ImageName? _name;

    public HttpContext Http { get; } = http;

    public RegistryPath Path { get; } = path;

    public RegistryListener Listener { get; } = listener;

    public string Location => Listener.Location;

    public Caller Caller { get; } = caller;

    public SandboxServices Services { get; } = services;

    public ArtifactStore Store => Services.Store;

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The addressed image; parsing it is where a missing REPOSITORY segment is refused.</summary>
    public ImageName Name => _name ??= ImageName.Parse(Path.Name, Listener);

    public string? Query(string name)
    {
        var values = Http.Request.Query[name];
        return values.Count == 0 ? null : values[0];
    }

    /// <summary>
    /// Refuses unless the caller holds the permission on the repository; an anonymous caller is told it is unauthenticated.
    /// Google gives the same answer whether the repository exists or not.
    /// </summary>
    public void Require(string permission, RepositoryName? repository = null)
    {
        var name = repository ?? Name.Repository;
        if (Services.Authorizer.Has(Caller, name, permission))
            return;
        throw Caller.IsAnonymous ? RegistryError.Unauthenticated(permission, name.Resource) : RegistryError.Denied(permission, name.Resource);
    }

    /// <summary>After the permission check: the repository must exist and hold Docker images.</summary>
    public void RequireRepository()
    {
        var repository = Store.FindRepository(Name.Repository);
        if (repository is null)
            throw RegistryError.RepositoryNotFound(Name.Repository.Repository);
        if (repository.Settings.Format != "DOCKER")
            throw new RegistryError(400, "NAME_INVALID", $"Repository \"{Name.Repository.Repository}\" has format {repository.Settings.Format}; Docker images go to DOCKER repositories.");
    }

    /// <summary>An absolute URL on the host the client used, for Location headers.</summary>
    public string Url(string pathAndQuery) => $"{Http.Request.Scheme}://{Http.Request.Host}{pathAndQuery}";

    public void SetHeader(string name, string value) => Http.Response.Headers[name] = value;
}
