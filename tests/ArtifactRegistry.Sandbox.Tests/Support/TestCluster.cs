using System.Diagnostics;
using ArtifactRegistry.Sandbox.Cluster;
using ArtifactRegistry.Sandbox.Cluster.Store;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Isolation;
using ArtifactRegistry.Testing.Processes;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Tests.Support;

/// <summary>
/// A sandbox running its cluster at test speed, a private folder with a kubeconfig per principal, KubernetesClient clients,
/// kubectl with a home of its own, and waits on the cluster's state (never on the clock).
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    public const string Namespace = "sample-namespace";
    public const string Deployment = "sample-api";
    public const string CrossProjectRepository = "projects/sample-project/locations/asia/repositories/sample";

    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, string> _kubeconfigs = new(StringComparer.Ordinal);

    private TestCluster(TestSandbox sandbox, TempDirectory directory)
    {
        Sandbox = sandbox;
        Directory = directory;
    }

    public TestSandbox Sandbox { get; }

    public SandboxServer Server => Sandbox.Server;

    public TempDirectory Directory { get; }

    public ClusterStore Store => Server.Cluster!.Store;

    public static async Task<TestCluster> StartAsync(SandboxClusterOptions? cluster = null, SandboxOptions? options = null)
    {
        var sandbox = await TestSandbox.StartAsync((options ?? new SandboxOptions()).WithCluster(cluster ?? SandboxClusterOptions.Default));
        return new TestCluster(sandbox, TempDirectory.Create("ar-cluster-"));
    }

    /// <summary>The written kubeconfig for <paramref name="principal"/> (contexts <c>sandbox</c> and <c>my-cluster-context</c>).</summary>
    public async Task<string> KubeconfigAsync(string principal = SandboxPrincipals.Deployer)
    {
        if (!_kubeconfigs.TryGetValue(principal, out var path))
            _kubeconfigs[principal] = path = await Server.WriteKubeconfigAsync(Directory.Combine("kubeconfig-" + principal[..principal.IndexOf('@')]), principal);
        return path;
    }

    public async Task<IKubernetes> ClientAsync(string principal = SandboxPrincipals.Deployer) =>
        new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(await KubeconfigAsync(principal)));

    public V1Deployment GetDeployment(string name = Deployment, string ns = Namespace) =>
        Store.GetRequired(ResourceType.Deployments, ns, name).As<V1Deployment>();

    public IReadOnlyList<V1Pod> Pods(string ns = Namespace, string? app = Deployment) =>
        Store.List(ResourceType.Pods, ns).Items.Select(p => p.As<V1Pod>())
            .Where(p => app is null || p.Metadata.Labels?.TryGetValue("app", out var a) == true && a == app).ToList();

    /// <summary>The container state of the first pod of the sample deployment that runs <paramref name="image"/>, once it has one.</summary>
    public V1ContainerState? ContainerStateOf(string image) =>
        Pods().FirstOrDefault(p => p.Spec.Containers[0].Image == image)?.Status?.ContainerStatuses?.FirstOrDefault()?.State;

    /// <summary>What <c>kubectl set image deployment/sample-api sample-api=IMAGE</c> sends.</summary>
    public static Task<V1Deployment> SetImageAsync(IKubernetes client, string image) =>
        client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"image":"IMAGE","name":"sample-api"}]}}}}""".Replace("IMAGE", image, StringComparison.Ordinal),
                V1Patch.PatchType.StrategicMergePatch),
            Deployment, Namespace);

    public IReadOnlyList<V1ReplicaSet> ReplicaSets(string name = Deployment, string ns = Namespace) =>
        Store.Children(GetDeployment(name, ns).Metadata.Uid, ResourceType.ReplicaSets).Select(r => r.As<V1ReplicaSet>()).ToList();

    public IReadOnlyList<Corev1Event> Events(string ns = Namespace) =>
        Store.List(ResourceType.Events, ns).Items.Select(e => e.As<Corev1Event>()).ToList();

    /// <summary>True once the deployment's current generation is fully rolled out and available.</summary>
    public bool RolledOut(string name = Deployment, string ns = Namespace)
    {
        var d = GetDeployment(name, ns);
        var replicas = d.Spec.Replicas ?? 1;
        return d.Status?.ObservedGeneration >= d.Metadata.Generation && d.Status.UpdatedReplicas == replicas
               && d.Status.Replicas == replicas && d.Status.AvailableReplicas == replicas;
    }

    /// <summary>Polls the in-memory state until <paramref name="probe"/> returns a value; fails with <paramref name="what"/> and the last state after a generous limit.</summary>
    public async Task<T> WaitForAsync<T>(string what, Func<T?> probe) where T : class
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (probe() is { } value)
                return value;
            if (watch.Elapsed > WaitLimit)
                Assert.Fail($"Waited {WaitLimit.TotalSeconds:0} s for {what}; pods now: {string.Join("; ", Pods(app: null).Select(Describe))}");
            await Task.Delay(10);
        }
    }

    public Task WaitUntilAsync(string what, Func<bool> condition) => WaitForAsync(what, () => condition() ? "" : null);

    public static string Describe(V1Pod pod) =>
        $"{pod.Metadata.Name} {ArtifactRegistry.Sandbox.Cluster.Api.TableView.PodStatusText(pod)} " +
        string.Join(",", (pod.Status?.ContainerStatuses ?? []).Select(c => $"{c.Name}:{c.State?.Waiting?.Reason ?? (c.State?.Running is not null ? "running" : "?")}/ready={c.Ready}"));

    /// <summary>The home kubectl (and the exec plugins it starts) get: discovery cache, plugin token caches.</summary>
    public PrivateHome KubectlHome => PrivateHome.At(Directory.Combine("home"));

    /// <summary>Runs the real kubectl with the kubeconfig of <paramref name="principal"/> and <see cref="KubectlHome"/>.</summary>
    public async Task<CommandResult> KubectlAsync(string[] arguments, string principal = SandboxPrincipals.Deployer, string? kubeconfig = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>(KubectlHome.EnvironmentVariables)
        {
            ["KUBECONFIG"] = kubeconfig ?? await KubeconfigAsync(principal),
            ["CLOUDSDK_CONFIG"] = Directory.Combine("gcloud-for-kubectl"),
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            variables[name] = value;
        return await ExternalProgram.RunAsync("kubectl", arguments, variables, timeout: TimeSpan.FromMinutes(2));
    }

    public Task<CommandResult> KubectlAsync(params string[] arguments) => KubectlAsync(arguments, SandboxPrincipals.Deployer);

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        Directory.Dispose();
    }
}
