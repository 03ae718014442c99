using ArtifactRegistry.Sandbox.Cluster.Api;
using ArtifactRegistry.Sandbox.Cluster.Store;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster;

/// <summary>
/// The cluster's nodes as the kubelets register them: a <c>Node</c> object each, with the well-known labels
/// (<c>kubernetes.io/arch</c>, <c>kubernetes.io/os</c>, their <c>beta.</c> forms, <c>kubernetes.io/hostname</c>) and GKE's
/// (<c>cloud.google.com/gke-nodepool</c>), a Ready condition and the node info <c>kubectl get nodes -o wide</c> prints.
/// </summary>
internal sealed class ClusterNodes
{
    public const string ArchLabel = "kubernetes.io/arch";
    public const string OsLabel = "kubernetes.io/os";

    private readonly SandboxClusterOptions _options;

    public ClusterNodes(SandboxClusterOptions options)
    {
        _options = options;
        All = options.Nodes ?? Defaults(options.Name);
        Names = All.Select(n => n.Name).ToList();
    }

    public IReadOnlyList<SandboxClusterNode> All { get; }

    public IReadOnlyList<string> Names { get; }

    public SandboxClusterNode? Find(string name) => All.FirstOrDefault(n => n.Name == name);

    /// <summary>The nodes whose labels carry every label of <paramref name="nodeSelector"/> (all of them when it is empty).</summary>
    public IReadOnlyList<SandboxClusterNode> Matching(IDictionary<string, string>? nodeSelector) =>
        nodeSelector is not { Count: > 0 }
            ? All
            : All.Where(node => { var labels = Labels(node); return nodeSelector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value); }).ToList();

    public Dictionary<string, string> Labels(SandboxClusterNode node) => new(StringComparer.Ordinal)
    {
        ["beta.kubernetes.io/arch"] = node.Architecture,
        ["beta.kubernetes.io/os"] = node.OperatingSystem,
        ["cloud.google.com/gke-nodepool"] = node.Pool,
        ["cloud.google.com/gke-os-distribution"] = "cos",
        [ArchLabel] = node.Architecture,
        ["kubernetes.io/hostname"] = node.Name,
        [OsLabel] = node.OperatingSystem,
        ["node.kubernetes.io/instance-type"] = node.Architecture == "arm64" ? "t2a-standard-2" : "e2-medium",
        ["topology.kubernetes.io/region"] = _options.Location.Count(c => c == '-') == 2 ? _options.Location[.._options.Location.LastIndexOf('-')] : _options.Location,
        ["topology.kubernetes.io/zone"] = _options.Location.Count(c => c == '-') == 2 ? _options.Location : _options.Location + "-a",
    };

    /// <summary>The host IP of a node: <c>10.146.0.2</c> onwards, in the nodes' order.</summary>
    public string HostIp(string node) => $"10.146.0.{Math.Max(0, Names.ToList().IndexOf(node)) + 2}";

    /// <summary>Creates the Node object of every node the store lacks (a resumed state directory keeps those it has).</summary>
    public void Register(ClusterStore store)
    {
        foreach (var node in All)
        {
            if (store.Get(ResourceType.Nodes, null, node.Name) is not null)
                continue;
            var model = NodeObject(node, store.Now);
            ObjectDefaults.Apply(model);
            store.Create(ResourceType.Nodes, model);
        }
    }

    private V1Node NodeObject(SandboxClusterNode node, DateTime now)
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(node.Name)))[..32];
        var capacity = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new("2"),
            ["ephemeral-storage"] = new("98831908Ki"),
            ["memory"] = new("4015852Ki"),
            ["pods"] = new("110"),
        };
        return new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta
            {
                Name = node.Name,
                Labels = Labels(node),
                Annotations = new Dictionary<string, string> { ["node.alpha.kubernetes.io/ttl"] = "0", ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true" },
            },
            Spec = new V1NodeSpec { PodCIDR = $"10.52.{Names.ToList().IndexOf(node.Name)}.0/24", ProviderID = $"gce://{_options.Project}/{Labels(node)["topology.kubernetes.io/zone"]}/{node.Name}" },
            Status = new V1NodeStatus
            {
                Addresses = [new V1NodeAddress { Type = "InternalIP", Address = HostIp(node.Name) }, new V1NodeAddress { Type = "Hostname", Address = node.Name }],
                Capacity = capacity,
                Allocatable = new Dictionary<string, ResourceQuantity>(capacity) { ["cpu"] = new("940m"), ["memory"] = new("2869228Ki") },
                Conditions =
                [
                    new V1NodeCondition { Type = "MemoryPressure", Status = "False", Reason = "KubeletHasSufficientMemory", Message = "kubelet has sufficient memory available", LastHeartbeatTime = now, LastTransitionTime = now },
                    new V1NodeCondition { Type = "DiskPressure", Status = "False", Reason = "KubeletHasNoDiskPressure", Message = "kubelet has no disk pressure", LastHeartbeatTime = now, LastTransitionTime = now },
                    new V1NodeCondition { Type = "PIDPressure", Status = "False", Reason = "KubeletHasSufficientPID", Message = "kubelet has sufficient PID available", LastHeartbeatTime = now, LastTransitionTime = now },
                    new V1NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady", Message = "kubelet is posting ready status", LastHeartbeatTime = now, LastTransitionTime = now },
                ],
                NodeInfo = new V1NodeSystemInfo
                {
                    Architecture = node.Architecture,
                    OperatingSystem = node.OperatingSystem,
                    BootID = id,
                    MachineID = id,
                    SystemUUID = id,
                    ContainerRuntimeVersion = "containerd://1.7.24",
                    KernelVersion = "6.6.72+",
                    KubeletVersion = Discovery.GitVersion,
                    KubeProxyVersion = Discovery.GitVersion,
                    OsImage = "Container-Optimized OS from Google",
                },
            },
        };
    }

    private static SandboxClusterNode[] Defaults(string cluster)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(cluster)))[..8];
        return [new($"gke-{cluster}-default-pool-{hash}-0m2q"), new($"gke-{cluster}-default-pool-{hash}-t7xk")];
    }
}
