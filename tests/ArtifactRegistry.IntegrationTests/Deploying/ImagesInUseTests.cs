using ArtifactRegistry.Deploying;
using ArtifactRegistry.InUse;
using ArtifactRegistry.References;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>The read API pruning uses to spare what a cluster runs or could roll back to.</summary>
public sealed class ImagesInUseTests
{
    [Test]
    public async Task Running_digests_and_earlier_revisions_are_in_use_and_nothing_else()
    {
        await using var world = await DeployWorld.StartAsync();
        var first = await world.PushAsync(DeployWorld.Readable, "used:1", "used v1");
        var second = await world.PushAsync(DeployWorld.Readable, "used:2", "used v2");
        var never = await world.PushAsync(DeployWorld.Readable, "used:3", "used v3");
        await world.CreateDeploymentAsync("used", 2, null, ("used", first.ToString()));
        var context = await world.ContextAsync();
        await SetImage.RunAsync(context, s => s.SetImage(second).SetWorkloads("deployment/used").SetNamespace(DeployWorld.Namespace));

        var inUse = await ClusterImages.ReadAsync(context, [null]);

        Assert.Multiple(() =>
        {
            Assert.That(inUse.KubeContexts, Is.EqualTo(new[] { "sandbox" }));
            Assert.That(inUse.IsInUse(second), Is.True, "the running image");
            Assert.That(inUse.UsesOf(second.Digest!).Select(use => use.Source), Does.Contain(ImageUseSource.PodStatus).And.Contain(ImageUseSource.Workload));
            Assert.That(inUse.IsInUse(first), Is.True, "the previous revision's replica set, which a rollback starts again");
            // A pod of the old revision may still be terminating when the rollout completes, as in Kubernetes: its status can name the digest too.
            Assert.That(inUse.UsesOf(first.Digest!).Select(use => use.Source), Does.Contain(ImageUseSource.ReplicaSet).And.Not.Contain(ImageUseSource.Workload));
            Assert.That(inUse.IsInUse(never), Is.False);
            Assert.That(inUse.IsInUse(ImageReference.Parse($"{DeployWorld.Readable}/other@{second.Digest}")), Is.False, "the digest under another name is another image");
            Assert.That(inUse.Digests, Does.Contain(second.Digest), "the digest alone, for conservative callers");
            Assert.That(inUse.Unpinned.Select(use => use.Image.Name), Does.Contain("asia-docker.pkg.dev/cluster-project/apps/sample-api"), "the seeded deployment names a tag only");
        });
    }
}
