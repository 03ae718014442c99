using System.Diagnostics;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.Gcloud;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Benchmarks.Deploy;

/// <summary>
/// The seed article's deploy script after the fixes it describes (the REPOSITORY segment, configure-docker for the regional host),
/// run by bash with the real docker, gcloud (its credential helper) and kubectl. docker cannot resolve <c>asia-docker.pkg.dev</c>
/// here, so its host is mapped to the sandbox's registry listener (PUSH_HOST); the cluster is given the canonical name, which the
/// sandbox's nodes resolve themselves.
/// </summary>
internal sealed class SeedScript(string work, string source, string pushHost, string kubeconfig, GcloudCli gcloud, DockerCli docker)
{
    private const string Script = """
        set -e
        cd "$SOURCE"
        REGISTRY_URL="asia-docker.pkg.dev/sample-project/sample/sample-api"
        PUSH_URL="${PUSH_HOST}/sample-project/sample/sample-api"
        kubectl config use-context my-cluster-context
        echo "kube_context=$(kubectl config current-context)"
        set -x
        # build image
        docker build -t sample-api:latest .
        gcloud auth configure-docker ${PUSH_HOST} --quiet
        docker tag sample-api ${PUSH_URL}:latest
        docker push ${PUSH_URL}:latest
        # deploy
        kubectl set image -n sample-namespace deployment/sample-api sample-api=${REGISTRY_URL}:latest --record
        """;

    public async Task<TimeSpan> RunAsync(CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string>(gcloud.EnvironmentVariables);
        foreach (var (name, value) in docker.EnvironmentVariables)
            variables[name] = value;
        variables["SOURCE"] = source;
        variables["PUSH_HOST"] = pushHost;
        variables["KUBECONFIG"] = kubeconfig;
        variables["HOME"] = Directory.CreateDirectory(Path.Combine(work, "seed-home")).FullName;
        variables["DOCKER_CLI_HINTS"] = "false";
        var stopwatch = Stopwatch.StartNew();
        (await ExternalProgram.RunAsync("bash", ["-c", Script], variables, timeout: TimeSpan.FromMinutes(5), cancellationToken: cancellationToken)).EnsureSuccess();
        return stopwatch.Elapsed;
    }
}
