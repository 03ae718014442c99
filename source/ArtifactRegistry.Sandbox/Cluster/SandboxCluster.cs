using ArtifactRegistry.Sandbox.Cluster.Api;
using ArtifactRegistry.Sandbox.Cluster.Controllers;
using ArtifactRegistry.Sandbox.Cluster.Gke;
using ArtifactRegistry.Sandbox.Cluster.Store;
using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Registry;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster;

/// <summary>
/// The sandbox's GKE cluster: its object store, the controllers and simulated kubelet on one control loop, IAM-based access,
/// and the TLS material its API port serves with. Lives inside the sandbox process, sharing its store, IAM, OAuth and faults.
/// </summary>
internal sealed class SandboxCluster : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly DeploymentController _deployments;
    private readonly ReplicaSetController _replicaSets;
    private readonly StatefulSetController _statefulSets;
    private readonly DaemonSetController _daemonSets;

    public SandboxCluster(SandboxClusterOptions options, SandboxServices services, ClusterCertificates certificates, Func<string, RegistryListener?> listenerForHost)
    {
        Options = options;
        Certificates = certificates;
        Store = new ClusterStore(services.Time);
        Access = new ClusterAccess(services, options.Project);
        Loop = new ControlLoop(HandleAsync, services.Options.RequestLog);
        Events = new EventRecorder(Store);
        Nodes = new ClusterNodes(options);
        Kubelet = new Kubelet(Store, Events, new ImagePuller(services, listenerForHost), Loop, options, Nodes);
        Collector = new GarbageCollector(Store, Loop);
        _deployments = new DeploymentController(Store, Events, Loop);
        _replicaSets = new ReplicaSetController(Store, Events, Loop);
        var revisions = new ControllerRevisions(Store);
        _statefulSets = new StatefulSetController(Store, Events, Loop, revisions);
        _daemonSets = new DaemonSetController(Store, Events, Loop, revisions, Nodes);
        CreateTime = Store.Now;
        Store.Changed += OnChanged;
    }

    /// <summary>The types a controller or the kubelet looks after, in the order a resumed cluster looks at them again.</summary>
    private static readonly ResourceType[] Controlled =
        [ResourceType.Pods, ResourceType.ReplicaSets, ResourceType.Deployments, ResourceType.StatefulSets, ResourceType.DaemonSets];

    public SandboxClusterOptions Options { get; }

    public ClusterCertificates Certificates { get; }

    public ClusterStore Store { get; }

    public ClusterAccess Access { get; }

    public ControlLoop Loop { get; }

    public EventRecorder Events { get; }

    public Kubelet Kubelet { get; }

    public ClusterNodes Nodes { get; }

    public GarbageCollector Collector { get; }

    public DateTime CreateTime { get; }

    /// <summary>The HTTPS port of the Kubernetes API (set once listening).</summary>
    public int Port { get; set; }

    /// <summary>Cancelled when the sandbox stops, so open watches end instead of holding the shutdown.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>
    /// Starts the control loop. Resumed (<paramref name="fresh"/> false), it looks at every restored workload again. With a fresh store, creates the namespaces and (when seeding) the sample deployment, rolled out
    /// at once: the seeded workload is healthy before the first client call.
    /// </summary>
    public async Task StartAsync(bool fresh, CancellationToken cancellationToken)
    {
        Loop.Start();
        Nodes.Register(Store);
        if (!fresh)
        {
            // Resumed from a state directory: every workload gets a look, and the kubelet takes its pods over from their status.
            foreach (var type in Controlled)
                foreach (var item in Store.List(type, null).Items)
                    Loop.Enqueue(new WorkItem(type, ClusterStore.Key(item.Namespace, item.Name)));
            return;
        }

        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
            CreateNamespace(ns);
        if (!Options.SeedWorkloads)
            return;
        CreateNamespace(ClusterSeed.Namespace);
        Kubelet.Speed = SandboxClusterSpeed.Fast with
        {
            ImagePull = TimeSpan.Zero,
            ContainerStart = TimeSpan.Zero,
        };
        try
        {
            var deployment = ClusterSeed.SampleDeployment();
            ObjectDefaults.Apply(deployment);
            Store.Create(ResourceType.Deployments, deployment);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (Store.Get(ResourceType.Deployments, ClusterSeed.Namespace, ClusterSeed.Deployment)?.As<V1Deployment>().Status is not { AvailableReplicas: 2, UpdatedReplicas: 2, Replicas: 2 })
            {
                try
                {
                    await Task.Delay(5, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new InvalidOperationException(
                        $"The sandbox cluster's seeded deployment {ClusterSeed.Namespace}/{ClusterSeed.Deployment} did not become available within 30 s; " +
                        "its pods' status says why (the seeded image or the node account's reader grant may be missing from a restored state directory).");
                }
            }
        }
        finally
        {
            Kubelet.Speed = Options.Speed;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Loop.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void CreateNamespace(string name)
    {
        if (Store.Get(ResourceType.Namespaces, null, name) is not null)
            return;
        var ns = new V1Namespace { Metadata = new V1ObjectMeta { Name = name } };
        ObjectDefaults.Apply(ns);
        Store.Create(ResourceType.Namespaces, ns);
    }

    private Task HandleAsync(WorkItem item)
    {
        if (item.Type == ResourceType.Deployments)
            _deployments.Reconcile(item.Key);
        else if (item.Type == ResourceType.ReplicaSets)
            _replicaSets.Reconcile(item.Key);
        else if (item.Type == ResourceType.StatefulSets)
            _statefulSets.Reconcile(item.Key);
        else if (item.Type == ResourceType.DaemonSets)
            _daemonSets.Reconcile(item.Key);
        else if (item.Type == ResourceType.Pods)
            return Kubelet.SyncAsync(item.Key, Stopping);
        return Task.CompletedTask;
    }

    private void OnChanged(Change change)
    {
        var stored = change.Object;
        var type = stored.Type;
        if (!Controlled.Contains(type))
            return;
        Loop.Enqueue(new WorkItem(type, ClusterStore.Key(stored.Namespace, stored.Name)));
        var owner = stored.Model.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        if (owner is null)
            return;
        var ownerType = owner.Kind switch
        {
            "Deployment" => ResourceType.Deployments,
            "ReplicaSet" => ResourceType.ReplicaSets,
            "StatefulSet" => ResourceType.StatefulSets,
            "DaemonSet" => ResourceType.DaemonSets,
            _ => null,
        };
        if (ownerType is not null)
            Loop.Enqueue(new WorkItem(ownerType, ClusterStore.Key(stored.Namespace, owner.Name)));
    }
}
