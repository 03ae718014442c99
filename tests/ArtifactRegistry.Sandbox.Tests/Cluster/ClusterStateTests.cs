using ArtifactRegistry.Sandbox.Tests.Support;
using ArtifactRegistry.Testing.FileSystem;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Tests.Cluster;

/// <summary>
/// With a state directory the cluster's workloads outlive a restart as they were left (a deploy run twice finds its own image
/// running), while pods are made anew by the controllers; without one, a restart begins from the seed.
/// </summary>
public class ClusterStateTests
{
    [Test]
    public async Task A_rolled_out_image_is_running_again_after_a_restart_with_the_same_revision_history()
    {
        using var state = TempDirectory.Create("ar-cluster-state-");
        var options = new SandboxOptions().WithStateDirectory(state.Path);
        string image, uid;
        await using (var first = await TestCluster.StartAsync(options: options))
        {
            image = await PushAsync(first, "kept");
            using var client = await first.ClientAsync();
            await SetImageAsync(client, image);
            await first.WaitUntilAsync("the rollout of the new image", () => first.RolledOut());
            uid = first.GetDeployment().Metadata.Uid;
        }

        await using var second = await TestCluster.StartAsync(options: options);

        var deployment = second.GetDeployment();
        Assert.Multiple(() =>
        {
            Assert.That(second.RolledOut(), Is.True, "the start returns once the restored deployment is available again");
            Assert.That(deployment.Metadata.Uid, Is.EqualTo(uid));
            Assert.That(deployment.Spec.Template.Spec.Containers[0].Image, Is.EqualTo(image));
            Assert.That(deployment.Metadata.Annotations["deployment.kubernetes.io/revision"], Is.EqualTo("2"));
            Assert.That(second.ReplicaSets().Select(r => r.Spec.Replicas).Order(), Is.EqualTo(new int?[] { 0, 2 }));
            Assert.That(second.Pods().Where(p => p.Metadata.DeletionTimestamp is null).Select(p => p.Spec.Containers[0].Image), Is.EqualTo(new[] { image, image }));
        });
    }

    [Test]
    public async Task A_rollout_after_the_restart_continues_the_revision_history()
    {
        using var state = TempDirectory.Create("ar-cluster-state-");
        var options = new SandboxOptions().WithStateDirectory(state.Path);
        await using (var first = await TestCluster.StartAsync(options: options))
        {
            using var client = await first.ClientAsync();
            await SetImageAsync(client, await PushAsync(first, "before"));
            await first.WaitUntilAsync("the first rollout", () => first.RolledOut());
        }

        await using var second = await TestCluster.StartAsync(options: options);
        var after = await PushAsync(second, "after");
        using (var client = await second.ClientAsync())
            await SetImageAsync(client, after);
        await second.WaitUntilAsync("the rollout after the restart", () => second.RolledOut());

        var deployment = second.GetDeployment();
        Assert.That(deployment.Metadata.Annotations["deployment.kubernetes.io/revision"], Is.EqualTo("3"));
        Assert.That(second.Pods().Where(p => p.Metadata.DeletionTimestamp is null).Select(p => p.Spec.Containers[0].Image), Is.EqualTo(new[] { after, after }));
    }

    private static async Task<V1Deployment> SetImageAsync(IKubernetes client, string image) =>
        await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"image":"IMAGE","name":"sample-api"}]}}}}""".Replace("IMAGE", image, StringComparison.Ordinal),
                V1Patch.PatchType.StrategicMergePatch),
            TestCluster.Deployment, TestCluster.Namespace);

    /// <summary>Pushes an image the node account may pull (the cluster project's own repository) and returns its reference.</summary>
    private static async Task<string> PushAsync(TestCluster cluster, string tag)
    {
        cluster.Server.Grant("projects/cluster-project/locations/asia/repositories/apps", "roles/artifactregistry.writer", SandboxServer.MemberOf(SandboxPrincipals.Deployer));
        await cluster.Sandbox.PushAsync(TestImage.Create(tag), "cluster-project/apps/sample-api", tag);
        return "asia-docker.pkg.dev/cluster-project/apps/sample-api:" + tag;
    }
}
