using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Http;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary>One authenticated REST request: what it addresses, who sends it, and the permission checks it must pass.</summary>
internal sealed class RestCall(HttpContext http, RestTarget target, Caller caller, SandboxServices services)
{
    public HttpContext Http { get; } = http;

    public RestTarget Target { get; } = target;

    public Caller Caller { get; } = caller;

    public SandboxServices Services { get; } = services;

    public ArtifactStore Store => Services.Store;

    public string Method => Http.Request.Method;

    public CancellationToken Aborted => Http.RequestAborted;

    public RepositoryName Repository => Target.Repository ?? throw new InvalidOperationException("the route has no repository");

    public string Image => Target.Image ?? throw new InvalidOperationException("the route has no package");

    public string? Query(string name)
    {
        var values = Http.Request.Query[name];
        return values.Count == 0 ? null : values[0];
    }

    public bool QueryFlag(string name) => string.Equals(Query(name), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Refuses the request unless the caller holds <paramref name="permission"/> on the repository. The answer is the same
    /// whether the repository exists or not, as Google's is.
    /// </summary>
    public void Require(string permission, RepositoryName? repository = null)
    {
        var name = repository ?? Repository;
        if (!Services.Authorizer.Has(Caller, name, permission))
            throw GoogleApiException.PermissionDenied(permission, name.FullResource);
    }

    public void RequireOnProject(string permission, string fullResource)
    {
        if (!Services.Authorizer.HasOnProject(Caller, Target.Project!, permission))
            throw GoogleApiException.PermissionDenied(permission, fullResource);
    }

    public Task Json(Action<System.Text.Json.Utf8JsonWriter> write, int status = 200) => Http.JsonAsync(status, write);
}
