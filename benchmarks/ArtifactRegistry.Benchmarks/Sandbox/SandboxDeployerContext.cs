using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.Docker;

namespace ArtifactRegistry.Benchmarks.Sandbox;

/// <summary>The context a push benchmark runs with: the private engine, the sandbox's deployer tokens, registry and REST API, and a home of its own.</summary>
internal static class SandboxDeployerContext
{
    public static OperationContext For(SandboxServer sandbox, PrivateDockerd engine, string home) => OperationContext.Default
        .SetEnvironmentVariable("DOCKER_HOST", engine.DockerHost)
        .SetDockerConfigDirectory(Directory.CreateDirectory(Path.Combine(home, ".docker")).FullName)
        .SetAccessTokenSource(new RefreshingAccessTokenSource("sandbox deployer", GooglePrincipal.ServiceAccount(SandboxPrincipals.Deployer), _ =>
        {
            var now = DateTimeOffset.UtcNow;
            return Task.FromResult(new AccessToken(sandbox.IssueAccessToken(SandboxPrincipals.Deployer), now, now.AddHours(1)));
        }))
        .SetHostMap(RegistryHostMap.Parse(string.Join(",", sandbox.RegistryHostMap.Select(pair => $"{pair.Key}={pair.Value}"))))
        .SetArtifactRegistryEndpoint(sandbox.ApiEndpoint)
        .SetHomeDirectory(home)
        .SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", null);
}
