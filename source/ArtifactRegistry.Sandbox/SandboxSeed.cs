using System.Collections.Immutable;
using System.Diagnostics.Contracts;

namespace ArtifactRegistry.Sandbox;

/// <summary>A repository to create when the sandbox starts.</summary>
public sealed record SandboxSeedRepository(string Project, string Location, string Repository)
{
    public string Format { get; init; } = "DOCKER";

    /// <summary><c>dockerConfig.immutableTags</c>.</summary>
    public bool ImmutableTags { get; init; }

    public string Resource => $"projects/{Project}/locations/{Location}/repositories/{Repository}";
}

/// <summary>An IAM binding to make when the sandbox starts: <paramref name="Resource"/> is <c>projects/P</c> or a repository name.</summary>
public sealed record SandboxSeedBinding(string Resource, string Role, string Member);

/// <summary>
/// What exists when the sandbox starts (ignored when a state directory already holds state).
/// <see cref="Default"/> reproduces the seed article: project <c>sample-project</c>, location <c>asia</c>, repository <c>sample</c>,
/// and the principals of <see cref="SandboxPrincipals"/>.
/// </summary>
public sealed record SandboxSeed
{
    public static SandboxSeed Empty { get; } = new();

    public static SandboxSeed Default { get; } = Empty
        .AddRepository(new SandboxSeedRepository("sample-project", "asia", "sample"))
        .AddPrincipal(SandboxPrincipals.Deployer)
        .AddPrincipal(SandboxPrincipals.Admin)
        .AddPrincipal(SandboxPrincipals.Viewer)
        .AddPrincipal(SandboxPrincipals.GkeNodes)
        .AddBinding("projects/sample-project/locations/asia/repositories/sample", "roles/artifactregistry.writer", "serviceAccount:" + SandboxPrincipals.Deployer)
        .AddBinding("projects/sample-project", "roles/artifactregistry.admin", "serviceAccount:" + SandboxPrincipals.Admin)
        .AddBinding("projects/sample-project", "roles/resourcemanager.projectIamAdmin", "serviceAccount:" + SandboxPrincipals.Admin);

    public ImmutableArray<SandboxSeedRepository> Repositories { get; init; } = [];

    /// <summary>Service-account emails that get a key (and a key file in the env file's directory).</summary>
    public ImmutableArray<string> Principals { get; init; } = [];

    public ImmutableArray<SandboxSeedBinding> Bindings { get; init; } = [];

    [Pure]
    public SandboxSeed AddRepository(SandboxSeedRepository repository) => this with { Repositories = Repositories.Add(repository) };

    [Pure]
    public SandboxSeed AddRepository(string project, string location, string repository) =>
        AddRepository(new SandboxSeedRepository(project, location, repository));

    [Pure]
    public SandboxSeed ResetRepositories() => this with { Repositories = [] };

    [Pure]
    public SandboxSeed AddPrincipal(string email) => Principals.Contains(email) ? this : this with { Principals = Principals.Add(email) };

    [Pure]
    public SandboxSeed ResetPrincipals() => this with { Principals = [] };

    [Pure]
    public SandboxSeed AddBinding(string resource, string role, string member) =>
        this with { Bindings = Bindings.Add(new SandboxSeedBinding(resource, role, member)) };

    [Pure]
    public SandboxSeed ResetBindings() => this with { Bindings = [] };
}
