using ArtifactRegistry.Sandbox.Cluster.Api;
using ArtifactRegistry.Sandbox.Cluster.Controllers;
using ArtifactRegistry.Sandbox.Cluster.Gke;
using ArtifactRegistry.Sandbox.Cluster.Store;
using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Persistence;
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
    private readonly List<WorkItem> _restored = [];

    public SandboxCluster(SandboxClusterOptions options, SandboxServices services, ClusterCertificates certificates, Func<string, RegistryListener?> listenerForHost)
    {
        Options = options;
        Certificates = certificates;
        Store = new ClusterStore(services.Time);
        Access = new ClusterAccess(services, options.Project);
        Loop = new ControlLoop(HandleAsync, services.Options.RequestLog);
        Events = new EventRecorder(Store);
        Kubelet = new Kubelet(Store, Events, new ImagePuller(services, listenerForHost), Loop, options);
        Collector = new GarbageCollector(Store, Loop);
        _deployments = new DeploymentController(Store, Events, Loop);
        _replicaSets = new ReplicaSetController(Store, Events, Loop);
        CreateTime = Store.Now;
        Store.Changed += OnChanged;
    }

    public SandboxClusterOptions Options { get; }

    public ClusterCertificates Certificates { get; }

    public ClusterStore Store { get; }

    public ClusterAccess Access { get; }

    public ControlLoop Loop { get; }

    public EventRecorder Events { get; }

    public Kubelet Kubelet { get; }

    public GarbageCollector Collector { get; }

    public DateTime CreateTime { get; }

    /// <summary>The HTTPS port of the Kubernetes API (set once listening).</summary>
    public int Port { get; set; }

    /// <summary>Cancelled when the sandbox stops, so open watches end instead of holding the shutdown.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>
    /// Starts the control loop. With a fresh store, creates the namespaces and (when seeding) the sample deployment, rolled out
    /// at once: the seeded workload is healthy before the first client call.
    /// </summary>
    public async Task StartAsync(bool fresh, CancellationToken cancellationToken)
    {
        Loop.Start();
        if (!fresh)
        {
            await AwaitRestoredWorkloadsAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>The objects that outlive a restart (namespaces, deployments, replica sets) and the store's revision, for the state directory.</summary>
    public (List<ClusterObjectRecord> Objects, long Revision) Lasting()
    {
        var revision = Store.Revision;
        var objects = Store.All()
            .Where(o => Lasts(o.Type))
            .Select(o => new ClusterObjectRecord { Type = o.Type.QualifiedPlural, Json = System.Text.Encoding.UTF8.GetString(o.Json) })
            .ToList();
        return (objects, revision);
    }

    /// <summary>
    /// Puts back what <see cref="Lasting"/> saved, before <see cref="StartAsync"/>. Statuses are dropped: they are observations,
    /// which the controllers make again once the kubelet has started the pods anew (pods and events are not kept).
    /// </summary>
    public void Restore(IEnumerable<ClusterObjectRecord> records, long revision)
    {
        var objects = new List<(ResourceType, k8s.IKubernetesObject<V1ObjectMeta>)>();
        foreach (var record in records)
        {
            var type = ResourceType.All.FirstOrDefault(t => t.QualifiedPlural == record.Type && Lasts(t))
                       ?? throw new InvalidDataException($"The sandbox state holds cluster objects of type '{record.Type}', which it does not keep; delete the state directory to start from the seed.");
            var model = type.Parse(record.Json);
            switch (model)
            {
                case V1Deployment deployment:
                    deployment.Status = null;
                    _restored.Add(new WorkItem(type, ClusterStore.Key(deployment.Metadata.NamespaceProperty, deployment.Metadata.Name)));
                    break;
                case V1ReplicaSet replicaSet:
                    replicaSet.Status = null;
                    _restored.Add(new WorkItem(type, ClusterStore.Key(replicaSet.Metadata.NamespaceProperty, replicaSet.Metadata.Name)));
                    break;
            }

            objects.Add((type, model));
        }

        Store.Restore(objects, revision);
    }

    private static bool Lasts(ResourceType type) =>
        type == ResourceType.Namespaces || type == ResourceType.Deployments || type == ResourceType.ReplicaSets;

    /// <summary>Lets the controllers and the kubelet bring the restored workloads up, and waits until each deployment is available again.</summary>
    private async Task AwaitRestoredWorkloadsAsync(CancellationToken cancellationToken)
    {
        foreach (var item in _restored)
            Loop.Enqueue(item);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        foreach (var item in _restored.Where(i => i.Type == ResourceType.Deployments))
        {
            var (ns, name) = (item.Key[..item.Key.IndexOf('/')], item.Key[(item.Key.IndexOf('/') + 1)..]);
            while (Store.Get(ResourceType.Deployments, ns, name)?.As<V1Deployment>() is { } deployment && !IsRolledOut(deployment))
            {
                try
                {
                    await Task.Delay(5, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // A restored workload whose image can no longer be pulled stays unavailable, as it would on GKE: start anyway.
                    return;
                }
            }
        }
    }

    private static bool IsRolledOut(V1Deployment deployment) =>
        deployment.Status is { } status && status.ObservedGeneration == deployment.Metadata.Generation
        && (status.UpdatedReplicas ?? 0) == (deployment.Spec.Replicas ?? 1) && (status.AvailableReplicas ?? 0) == (deployment.Spec.Replicas ?? 1)
        && (status.Replicas ?? 0) == (deployment.Spec.Replicas ?? 1);

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
        else if (item.Type == ResourceType.Pods)
            return Kubelet.SyncAsync(item.Key, Stopping);
        return Task.CompletedTask;
    }

    private void OnChanged(Change change)
    {
        var stored = change.Object;
        var type = stored.Type;
        if (type != ResourceType.Deployments && type != ResourceType.ReplicaSets && type != ResourceType.Pods)
            return;
        Loop.Enqueue(new WorkItem(type, ClusterStore.Key(stored.Namespace, stored.Name)));
        var owner = stored.Model.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        if (owner is null)
            return;
        var ownerType = owner.Kind switch
        {
            "Deployment" => ResourceType.Deployments,
            "ReplicaSet" => ResourceType.ReplicaSets,
            _ => null,
        };
        if (ownerType is not null)
            Loop.Enqueue(new WorkItem(ownerType, ClusterStore.Key(stored.Namespace, owner.Name)));
    }
}
