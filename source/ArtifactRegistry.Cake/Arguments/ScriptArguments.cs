using System.Reflection;

namespace ArtifactRegistry.Cake.Arguments;

/// <summary>Every argument the aliases read; README's argument table lists the same.</summary>
internal static class ScriptArguments
{
    public static ScriptArgument Image { get; } = new("image", "asia-docker.pkg.dev/my-project/my-repo/api");
    public static ScriptArgument ImageTags { get; } = new("image-tags", "1.4.0,stable");
    public static ScriptArgument DockerContext { get; } = new("docker-context", "src/api");
    public static ScriptArgument DockerPlatforms { get; } = new("docker-platforms", "linux/amd64,linux/arm64");
    public static ScriptArgument Dockerfile { get; } = new("dockerfile", "src/api/Dockerfile");
    public static ScriptArgument DockerNoCache { get; } = new("docker-no-cache", "true");
    public static ScriptArgument DockerCacheFrom { get; } = new("docker-cache-from", "asia-docker.pkg.dev/my-project/my-repo/api:buildcache");
    public static ScriptArgument DockerCacheTo { get; } = new("docker-cache-to", "asia-docker.pkg.dev/my-project/my-repo/api:buildcache");
    public static ScriptArgument DockerSecrets { get; } = new("docker-secrets", "npm_token=NPM_TOKEN");
    public static ScriptArgument DockerProgram { get; } = new("docker-program", "/usr/bin/docker");
    public static ScriptArgument DockerNetwork { get; } = new("docker-network", "host");
    public static ScriptArgument DockerAuthMode { get; } = new("docker-auth-mode", "AccessToken");
    public static ScriptArgument Workloads { get; } = new("workloads", "deployment/api");
    public static ScriptArgument KubeContext { get; } = new("kube-context", "gke_my-project_asia-northeast1_prod");
    public static ScriptArgument Kubeconfig { get; } = new("kubeconfig", "/home/me/.kube/prod-config");
    public static ScriptArgument KubeNamespace { get; } = new("kube-namespace", "prod");
    public static ScriptArgument Container { get; } = new("container", "api");
    public static ScriptArgument RolloutTimeout { get; } = new("rollout-timeout", "5m");
    public static ScriptArgument RollbackOnFailure { get; } = new("rollback-on-failure", "true");
    public static ScriptArgument ReaderMember { get; } = new("reader-member", "serviceAccount:nodes@cluster-project.iam.gserviceaccount.com");
    public static ScriptArgument PruneRepositories { get; } = new("prune-repositories", "asia-docker.pkg.dev/my-project/my-repo");
    public static ScriptArgument PruneOlderThan { get; } = new("prune-older-than", "7d");
    public static ScriptArgument DryRun { get; } = new("dry-run", "true");
    public static ScriptArgument AddTags { get; } = new("add-tags", "stable");
    public static ScriptArgument Kustomization { get; } = new("kustomization", "deploy/prod/kustomization.yaml");
    public static ScriptArgument ResultFile { get; } = new("result-file", "artifacts/result.json");
    public static ScriptArgument ResultDotenv { get; } = new("result-dotenv", "artifacts/image.env");

    public static IReadOnlyList<ScriptArgument> All { get; } = typeof(ScriptArguments)
        .GetProperties(BindingFlags.Public | BindingFlags.Static)
        .Where(property => property.PropertyType == typeof(ScriptArgument))
        .Select(property => (ScriptArgument)property.GetValue(null)!)
        .ToList();
}
