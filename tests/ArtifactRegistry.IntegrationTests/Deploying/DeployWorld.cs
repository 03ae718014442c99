using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.Iam;
using ArtifactRegistry.IntegrationTests.DockerAuth;
using ArtifactRegistry.References;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.Isolation;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>
/// SetImage's world: the sandbox with its GKE-like cluster (fast speed), a kubeconfig for it, images pushed straight into its
/// registry, and an admin client that arranges and inspects workloads the way kubectl would.
/// </summary>
internal sealed class DeployWorld : IAsyncDisposable
{
    /// <summary>The cluster project's repository, which the node pool's account may read.</summary>
    public const string Readable = "asia-docker.pkg.dev/cluster-project/apps";

    /// <summary>A repository of another project, which the node pool's account may not read until granted.</summary>
    public const string Unreadable = "asia-docker.pkg.dev/sample-project/sample";

    public const string Namespace = "shop";

    private DeployWorld(SandboxServer sandbox, string directory, string kubeconfig)
    {
        Sandbox = sandbox;
        Directory = directory;
        Kubeconfig = kubeconfig;
        Images = new RegistryUpload(sandbox);
        Admin = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
    }

    public SandboxServer Sandbox { get; }

    public string Directory { get; }

    public string Kubeconfig { get; }

    public RegistryUpload Images { get; }

    /// <summary>A client with the admin's kubeconfig, for arranging and checking (not the code under test).</summary>
    public IKubernetes Admin { get; }

    public ListLogger Log { get; } = new();

    public static async Task<DeployWorld> StartAsync(SandboxClusterOptions? cluster = null)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions().WithCluster(cluster ?? SandboxClusterOptions.Default));
        var directory = System.IO.Directory.CreateTempSubdirectory("ar-deploy-").FullName;
        var kubeconfig = await sandbox.WriteKubeconfigAsync(Path.Combine(directory, "admin-kubeconfig"), SandboxPrincipals.Admin);
        // The tests push their images as the admin, into the cluster project's repository too.
        sandbox.Grant("projects/cluster-project/locations/asia/repositories/apps", "roles/artifactregistry.writer", SandboxServer.MemberOf(SandboxPrincipals.Admin));
        // The deployer reads its own images' tags (SetImage resolves a tag to its digest through the REST API).
        sandbox.Grant("projects/cluster-project/locations/asia/repositories/apps", "roles/artifactregistry.reader", SandboxServer.MemberOf(SandboxPrincipals.Deployer));
        var world = new DeployWorld(sandbox, directory, kubeconfig);
        await world.Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        return world;
    }

    /// <summary>A kubeconfig for <paramref name="principal"/> (the deployer's by default: roles/container.developer).</summary>
    public Task<string> KubeconfigForAsync(string principal = SandboxPrincipals.Deployer, string? name = null) =>
        Sandbox.WriteKubeconfigAsync(Path.Combine(Directory, name ?? $"kubeconfig-{principal[..principal.IndexOf('@')]}"), principal);

    /// <summary>The context SetImage runs with: the deployer's kubeconfig, the sandbox's REST and GKE APIs, nothing from this machine's environment.</summary>
    public async Task<OperationContext> ContextAsync(string principal = SandboxPrincipals.Deployer) => OperationContext.Default
        .SetKubeconfig(await KubeconfigForAsync(principal))
        .SetEnvironmentVariable("KUBECONFIG", null)
        .SetAccessTokenSource(Tokens(principal))
        .SetArtifactRegistryEndpoint(Sandbox.ApiEndpoint)
        .SetEnvironmentVariable("CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER", Sandbox.ApiEndpoint.ToString())
        .SetEnvironmentVariable("GITHUB_RUN_ID", null)
        .SetEnvironmentVariable("CI_PIPELINE_ID", null)
        .SetPrivateHome(PrivateHome.At(Directory))
        .SetLogger(Log);

    public IAccessTokenSource Tokens(string principal) => new RefreshingAccessTokenSource(
        $"sandbox tokens of {principal}", GooglePrincipal.ServiceAccount(principal),
        _ =>
        {
            var now = DateTimeOffset.UtcNow;
            return Task.FromResult(new AccessToken(Sandbox.IssueAccessToken(principal), now, now.AddHours(1)));
        });

    /// <summary>The labels of an image whose container exits soon after it starts, before it could become ready.</summary>
    public static readonly (string, string)[] Crashing = [("sandbox.crash", "true"), ("sandbox.start-delay", "30s")];

    /// <summary>Pushes a distinct image (its payload names the test) and returns it pinned.</summary>
    public Task<ImageReference> PushAsync(string repository, string imageAndTag, string payload, params (string Name, string Value)[] labels) =>
        Images.PushAsync($"{repository}/{imageAndTag}", payload, SandboxPrincipals.Admin, labels);

    /// <summary>Creates a deployment of <paramref name="containers"/> and waits (on the admin's watch) until it is available.</summary>
    public async Task<V1Deployment> CreateDeploymentAsync(string name, int replicas, int? progressDeadlineSeconds, params (string Name, string Image)[] containers)
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        await Admin.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                ProgressDeadlineSeconds = progressDeadlineSeconds,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = containers.Select(c => new V1Container { Name = c.Name, Image = c.Image }).ToList() },
                },
            },
        }, Namespace);
        return await WaitUntilAsync(name, d => d.Status?.AvailableReplicas == replicas && d.Status.UpdatedReplicas == replicas && d.Status.Replicas == replicas
                                               && d.Status.ObservedGeneration >= d.Metadata.Generation);
    }

    public Task<V1Deployment> ReadAsync(string name) => Admin.AppsV1.ReadNamespacedDeploymentAsync(name, Namespace);

    /// <summary>Creates a stateful set of one container (pods NAME-0…) and waits until its pods are all ready on one revision.</summary>
    public async Task<V1StatefulSet> CreateStatefulSetAsync(string name, int replicas, string image, string updateStrategy = "RollingUpdate")
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        await Admin.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Spec = new V1StatefulSetSpec
            {
                Replicas = replicas,
                ServiceName = name,
                UpdateStrategy = new V1StatefulSetUpdateStrategy { Type = updateStrategy },
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = image }] },
                },
            },
        }, Namespace);
        return await WaitUntilAsync(() => Admin.AppsV1.ReadNamespacedStatefulSetAsync(name, Namespace),
            s => s.Status is { } st && st.ReadyReplicas == replicas && st.UpdatedReplicas == replicas && st.CurrentRevision == st.UpdateRevision && st.ObservedGeneration >= s.Metadata.Generation);
    }

    /// <summary>Creates a daemon set of one container (a pod per node) and waits until every node's pod is available.</summary>
    public async Task<V1DaemonSet> CreateDaemonSetAsync(string name, string image)
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        await Admin.AppsV1.CreateNamespacedDaemonSetAsync(new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = image }] },
                },
            },
        }, Namespace);
        return await WaitUntilAsync(() => Admin.AppsV1.ReadNamespacedDaemonSetAsync(name, Namespace),
            d => d.Status is { DesiredNumberScheduled: > 0 } st && st.NumberAvailable == st.DesiredNumberScheduled && st.UpdatedNumberScheduled == st.DesiredNumberScheduled);
    }

    /// <summary>Reads until <paramref name="condition"/> holds (generous bound: 60 s), a few times a second: for kinds without a watch helper here.</summary>
    public static async Task<T> WaitUntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var current = await read();
            if (condition(current))
                return current;
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Waits on a watch (generous bound: 60 s) until the deployment satisfies <paramref name="condition"/>.</summary>
    public async Task<V1Deployment> WaitUntilAsync(string name, Func<V1Deployment, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var current = await Admin.AppsV1.ReadNamespacedDeploymentAsync(name, Namespace, cancellationToken: timeout.Token);
            if (condition(current))
                return current;
            await foreach (var (_, deployment) in Admin.AppsV1.WatchListNamespacedDeploymentAsync(Namespace, fieldSelector: $"metadata.name={name}",
                               resourceVersion: current.Metadata.ResourceVersion, timeoutSeconds: 30, cancellationToken: timeout.Token))
                if (condition(deployment))
                    return deployment;
        }
    }

    /// <summary>The images the deployment's pods run, by container: what the cluster really runs, read as an admin.</summary>
    public async Task<IReadOnlyList<string>> PodImagesAsync(string name, string container)
    {
        var pods = await Admin.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: $"app={name}");
        return pods.Items.Where(pod => pod.Metadata.DeletionTimestamp is null)
            .Select(pod => pod.Spec.Containers.Single(c => c.Name == container).Image).Distinct().ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Images.Dispose();
        await Sandbox.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
