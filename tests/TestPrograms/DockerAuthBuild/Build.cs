using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Nuke;
using Nuke.Common;
using Serilog;

/// <summary>The smallest build a user would write to get the EnsureDockerAuth target, and one more step of the user's own.</summary>
class Build : NukeBuild, IArtifactRegistryDockerAuth
{
    public static int Main() => Execute<Build>();

    /// <summary>A second EnsureDockerAuth in the same build, after the target: it must configure the user's docker config.</summary>
    Target ConfigureCredentialHelperToo => _ => _
        .DependsOn<IArtifactRegistryDockerAuth>(x => x.EnsureDockerAuth)
        .Executes(async () =>
        {
            var build = ((IArtifactRegistryContext)this).ArtifactRegistryBuild;
            await build.EnsureDockerAuthAsync(settings => settings
                .SetImages(((IArtifactRegistryDockerAuth)this).Images ?? [])
                .SetMode(DockerAuthMode.CredentialHelper)
                .DisableAccessPreflight());
            Log.Information("DOCKER_CONFIG is now {DockerConfig}", build.DockerAuth?.DockerConfigDirectory ?? "(none)");
            Log.Information("The process's DOCKER_CONFIG is {DockerConfig}", Environment.GetEnvironmentVariable("DOCKER_CONFIG") ?? "(unset)");
        });
}
