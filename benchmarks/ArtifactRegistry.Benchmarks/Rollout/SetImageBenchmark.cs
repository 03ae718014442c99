using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.Processes;
using ArtifactRegistry.Sandbox;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Benchmarks.Rollout;

/// <summary>
/// <c>setimage</c>: on the sandbox cluster at its realistic pace, (1) the time from starting a rollout of an image the nodes may
/// not pull to its failure, SetImage next to <c>kubectl set image</c> + <c>kubectl rollout status</c> on an identical deployment
/// (<c>progressDeadlineSeconds: 60</c>), both started at once (targets: ≤ 15 s, ≥ 4× sooner); (2) the Kubernetes API requests a
/// healthy 2-replica rollout costs each way, counted by the API server.
/// </summary>
internal sealed class SetImageBenchmark : IBenchmarkCommand
{
    private const string Namespace = "bench";
    private const string Readable = "asia-docker.pkg.dev/cluster-project/apps";
    private const string Unreadable = "asia-docker.pkg.dev/sample-project/sample";

    public string Name => "setimage";

    public string Description => "SetImage's failure time on an unpullable image and its API requests for a healthy rollout vs kubectl set image + rollout status";

    public async Task<int> RunAsync(BenchmarkArguments arguments, CancellationToken cancellationToken)
    {
        var deadline = arguments.Int("progress-deadline", 60);
        var kubectl = ProgramLocator("kubectl");
        var root = Directory.CreateTempSubdirectory("ar-setimage-bench-").FullName;
        try
        {
            await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions().WithCluster(SandboxClusterOptions.Default.WithSpeed(SandboxClusterSpeed.Realistic)), cancellationToken);
            sandbox.Grant("projects/cluster-project/locations/asia/repositories/apps", "roles/artifactregistry.writer", SandboxServer.MemberOf(SandboxPrincipals.Admin));
            var kubeconfig = await sandbox.WriteKubeconfigAsync(Path.Combine(root, "kubeconfig"), SandboxPrincipals.Deployer);
            var adminConfig = await sandbox.WriteKubeconfigAsync(Path.Combine(root, "admin-kubeconfig"), SandboxPrincipals.Admin);
            using var admin = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(adminConfig));
            await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }, cancellationToken: cancellationToken);

            using var http = new HttpClient();
            var good = await PushAsync(sandbox, http, $"{Readable}/bench:good", "good");
            var better = await PushAsync(sandbox, http, $"{Readable}/bench:better", "better");
            var unpullable = await PushAsync(sandbox, http, $"{Unreadable}/bench:denied", "denied");
            foreach (var name in new[] { "fail-ours", "fail-kubectl", "count-ours", "count-kubectl" })
                await CreateAsync(admin, name, good, deadline, cancellationToken);

            var context = OperationContext.Default.SetKubeconfig(kubeconfig).SetEnvironmentVariable("KUBECONFIG", null)
                .SetAccessTokenSource(new RefreshingAccessTokenSource("sandbox deployer", GooglePrincipal.ServiceAccount(SandboxPrincipals.Deployer),
                    _ => Task.FromResult(new AccessToken(sandbox.IssueAccessToken(SandboxPrincipals.Deployer), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)))))
                .SetEnvironmentVariable("CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER", sandbox.ApiEndpoint.ToString());

            // (1) Failure time, both started at once on identical deployments.
            var oursTask = TimeAsync(async () =>
            {
                try
                {
                    await SetImage.RunAsync(context, s => s.SetImage(unpullable).SetWorkloads("deployment/fail-ours").SetNamespace(Namespace), cancellationToken);
                    return "rolled out (unexpected)";
                }
                catch (RolloutFailedException exception)
                {
                    return exception.Result.Workloads.Single().Diagnosis?.Reason ?? "failed";
                }
            });
            var kubectlTask = TimeAsync(async () =>
            {
                await Kubectl(kubectl, kubeconfig, root, "set", "image", "deployment/fail-kubectl", $"fail-kubectl={unpullable}").ExecuteAsync(cancellationToken);
                var status = await Kubectl(kubectl, kubeconfig, root, "rollout", "status", "deployment/fail-kubectl", "--timeout=10m")
                    .WithValidation(ProcessValidation.None).ExecuteAsync(cancellationToken);
                return status.StandardError.Contains("exceeded its progress deadline", StringComparison.Ordinal) ? "exceeded its progress deadline" : $"exit {status.ExitCode}";
            });
            var (oursTime, oursEnd) = await oursTask;
            var (kubectlTime, kubectlEnd) = await kubectlTask;

            // (2) API requests of a healthy 2-replica rollout, counted by the API server, one after the other.
            var before = sandbox.Counters.WithPrefix("k8s:");
            await SetImage.RunAsync(context, s => s.SetImage(better).SetWorkloads("deployment/count-ours").SetNamespace(Namespace), cancellationToken);
            var oursRequests = sandbox.Counters.WithPrefix("k8s:") - before;
            before = sandbox.Counters.WithPrefix("k8s:");
            await Kubectl(kubectl, kubeconfig, root, "set", "image", "deployment/count-kubectl", $"count-kubectl={better}").ExecuteAsync(cancellationToken);
            await Kubectl(kubectl, kubeconfig, root, "rollout", "status", "deployment/count-kubectl", "--timeout=5m").ExecuteAsync(cancellationToken);
            var kubectlRequests = sandbox.Counters.WithPrefix("k8s:") - before;

            var ratio = kubectlTime / oursTime;
            Console.WriteLine($"setimage: sandbox cluster at realistic pace (image pull 1.5 s, kubelet back-off from 10 s), deployments of 2 replicas, progressDeadlineSeconds {deadline}");
            Console.WriteLine($"  {"from start to failure on an unpullable image",-62} {"seconds",8}  ended by");
            Console.WriteLine($"  {"SetImage",-62} {oursTime.TotalSeconds,8:0.0}  {oursEnd}");
            Console.WriteLine($"  {"kubectl set image + kubectl rollout status",-62} {kubectlTime.TotalSeconds,8:0.0}  {kubectlEnd}");
            Console.WriteLine($"  ratio (kubectl / SetImage): {ratio:0.0}x  (targets: SetImage <= 15 s: {(oursTime.TotalSeconds <= 15 ? "met" : "NOT met")}, >= 4x: {(ratio >= 4 ? "met" : "NOT met")})");
            Console.WriteLine($"  {"API requests for a healthy 2-replica rollout (server-counted)",-62} {"requests",8}");
            Console.WriteLine($"  {"SetImage",-62} {oursRequests,8}");
            Console.WriteLine($"  {"kubectl set image + kubectl rollout status (cold cache)",-62} {kubectlRequests,8}");
            return oursTime.TotalSeconds <= 15 && ratio >= 4 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static ProcessCommand Kubectl(string kubectl, string kubeconfig, string root, params string[] arguments) => ProcessCommand.For(kubectl)
        .WithArguments(["--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(root, "kube-cache-" + Guid.NewGuid().ToString("N")), "-n", Namespace, .. arguments])
        .WithEnvironment(environment => environment.Remove("KUBECONFIG"))
        .WithTimeout(TimeSpan.FromMinutes(15));

    private static async Task<(TimeSpan, string)> TimeAsync(Func<Task<string>> run)
    {
        var clock = Stopwatch.StartNew();
        var end = await run();
        return (clock.Elapsed, end);
    }

    private static async Task CreateAsync(IKubernetes admin, string name, string image, int deadline, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        await admin.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Spec = new V1DeploymentSpec
            {
                Replicas = 2,
                ProgressDeadlineSeconds = deadline,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = image }] },
                },
            },
        }, Namespace, cancellationToken: cancellationToken);
        while (true)
        {
            var deployment = await admin.AppsV1.ReadNamespacedDeploymentAsync(name, Namespace, cancellationToken: cancellationToken);
            if (deployment.Status?.AvailableReplicas == 2 && deployment.Status.UpdatedReplicas == 2)
                return;
            await foreach (var _ in admin.AppsV1.WatchListNamespacedDeploymentAsync(Namespace, fieldSelector: $"metadata.name={name}",
                               resourceVersion: deployment.Metadata.ResourceVersion, timeoutSeconds: 5, cancellationToken: cancellationToken))
                break;
        }
    }

    /// <summary>A small image pushed through the Registry API as the admin; returns it pinned.</summary>
    private static async Task<string> PushAsync(SandboxServer sandbox, HttpClient http, string image, string payload)
    {
        var reference = References.ImageReference.Parse(image);
        var path = $"{reference.ProjectPath}/{reference.Repository}/{reference.ImagePath}";
        var registry = $"http://{sandbox.RegistryHost("asia")}";
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, $"{registry}/v2/token?service=asia-docker.pkg.dev");
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"oauth2accesstoken:{sandbox.IssueAccessToken(SandboxPrincipals.Admin)}")));
        var token = JsonNode.Parse(await (await http.SendAsync(tokenRequest)).EnsureSuccessStatusCode().Content.ReadAsStringAsync())!["token"]!.GetValue<string>();

        async Task SendAsync(HttpMethod method, string url, byte[] body, string? mediaType = null)
        {
            using var request = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(body) };
            if (mediaType is not null)
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }

        var layer = Encoding.UTF8.GetBytes(payload);
        var config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[\"{Digest(layer)}\"]}}}}");
        await SendAsync(HttpMethod.Post, $"{registry}/v2/{path}/blobs/uploads/?digest={Digest(layer)}", layer);
        await SendAsync(HttpMethod.Post, $"{registry}/v2/{path}/blobs/uploads/?digest={Digest(config)}", config);
        var manifest = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{Digest(config)}\",\"size\":{config.Length}}}," +
            $"\"layers\":[{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"{Digest(layer)}\",\"size\":{layer.Length}}}]}}");
        await SendAsync(HttpMethod.Put, $"{registry}/v2/{path}/manifests/{reference.Tag}", manifest, "application/vnd.oci.image.manifest.v1+json");
        return $"{image}@{Digest(manifest)}";
    }

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private static string ProgramLocator(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(directory => Path.Combine(directory, program)).FirstOrDefault(File.Exists)
        ?? throw new ArgumentException($"The benchmark compares with {program}, which is not on PATH: install it (sudo apt-get install kubectl from Google's apt repository).");
}
