using ArtifactRegistry.Sandbox.Tests.Support;
using ArtifactRegistry.Testing.FileSystem;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Tests.Cluster;

/// <summary>With a state directory the cluster resumes where it was: objects, running pods, CA and port, so a written kubeconfig stays valid.</summary>
public class ClusterRestartTests
{
    [Test]
    public async Task A_restart_with_a_state_directory_keeps_the_rollout_the_pods_and_the_kubeconfig()
    {
        using var state = TempDirectory.Create("ar-cluster-state-");
        var options = new SandboxOptions().WithStateDirectory(state.Path);
        string kubeconfig, ca;
        Uri endpoint;
        IReadOnlyList<string> podsBefore;
        await using (var first = await TestCluster.StartAsync(options: options))
        {
            using var client = await first.ClientAsync();
            await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"template":{"metadata":{"annotations":{"v":"2"}}}}}""", V1Patch.PatchType.StrategicMergePatch),
                TestCluster.Deployment, TestCluster.Namespace);
            await first.WaitUntilAsync("the rollout", () => first.RolledOut() && first.Pods().All(p => p.Metadata.DeletionTimestamp is null));
            podsBefore = first.Pods().Select(p => p.Metadata.Name).Order().ToList();
            kubeconfig = await first.Server.WriteKubeconfigAsync(state.Combine("kubeconfig"));
            ca = first.Server.ClusterCaCertificatePem!;
            endpoint = first.Server.ClusterEndpoint!;
        }

        await using var second = await TestCluster.StartAsync(options: options);
        if (second.Server.ClusterEndpoint != endpoint)
        {
            // Another process (a second suite on the machine) bound the port in between: the sandbox then takes a free one and
            // rewrites its files, as documented. Only that case may move it, so the port must really be taken now.
            Assert.That(PortIsFree(endpoint.Port), Is.False, $"the cluster moved from {endpoint} to {second.Server.ClusterEndpoint} although its port is free");
            kubeconfig = await second.Server.WriteKubeconfigAsync(state.Combine("kubeconfig"));
        }
        using var again = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var deployment = await again.AppsV1.ReadNamespacedDeploymentAsync(TestCluster.Deployment, TestCluster.Namespace);
        await second.WaitUntilAsync("the kubelet to take the pods over", () => second.Pods().All(p => p.Status.ContainerStatuses[0].Ready) && second.RolledOut());

        Assert.Multiple(() =>
        {
            Assert.That(second.Server.ClusterCaCertificatePem, Is.EqualTo(ca));
            Assert.That(deployment.Metadata.Generation, Is.EqualTo(2));
            Assert.That(deployment.Metadata.Annotations["deployment.kubernetes.io/revision"], Is.EqualTo("2"));
            Assert.That(second.Pods().Select(p => p.Metadata.Name).Order(), Is.EqualTo(podsBefore), "running pods keep running");
            Assert.That(second.Pods().Select(p => p.Status.ContainerStatuses[0].RestartCount), Has.All.EqualTo(0));
            Assert.That(second.ReplicaSets(), Has.Count.EqualTo(2));
        });
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
