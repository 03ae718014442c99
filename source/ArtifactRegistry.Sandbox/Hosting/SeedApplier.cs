using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Hosting;

/// <summary>Creates what a <see cref="SandboxSeed"/> describes: principals (with keys), repositories and bindings.</summary>
internal static class SeedApplier
{
    public static void Apply(SandboxSeed seed, SandboxServices services)
    {
        foreach (var principal in seed.Principals)
            services.Accounts.GetOrCreate(principal);
        var now = services.Store.Now;
        foreach (var repository in seed.Repositories)
            services.Store.CreateRepository(
                new RepositoryName(repository.Project, repository.Location, repository.Repository),
                new RepositorySettings { Format = repository.Format, ImmutableTags = repository.ImmutableTags, CreateTime = now, UpdateTime = now });
        foreach (var binding in seed.Bindings)
            Grant(services, binding.Resource, binding.Role, binding.Member);
    }

    /// <summary>Adds <paramref name="member"/> to <paramref name="role"/> on a project (<c>projects/P</c>) or a repository.</summary>
    public static void Grant(SandboxServices services, string resource, string role, string member)
    {
        if (!Roles.IsKnown(role))
            throw new ArgumentException($"Role \"{role}\" is not one the sandbox knows; use one of: {string.Join(", ", Roles.All)}.", nameof(role));
        if (!Members.IsValid(member))
            throw new ArgumentException($"Member \"{member}\" is not an IAM member; write serviceAccount:EMAIL, user:EMAIL or allUsers.", nameof(member));
        var parts = resource.Split('/');
        if (parts is ["projects", var project])
        {
            services.Store.SetProjectPolicy(project, (p, etag) => p.AddMember(role, member, etag), expectedEtag: null);
            return;
        }

        if (parts is not ["projects", var p2, "locations", var location, "repositories", var repository])
            throw new ArgumentException($"Resource \"{resource}\" is neither projects/PROJECT nor projects/PROJECT/locations/LOCATION/repositories/REPOSITORY.", nameof(resource));
        var name = new RepositoryName(p2, location, repository);
        if (!services.Store.RepositoryExists(name))
            throw new ArgumentException($"Repository \"{resource}\" does not exist in the sandbox; add it to the seed (SandboxSeed.AddRepository) before granting on it.", nameof(resource));
        services.Store.SetRepositoryPolicy(name, (p, etag) => p.AddMember(role, member, etag), expectedEtag: null);
    }
}
