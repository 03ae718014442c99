using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.IntegrationTests.Deploying;
using ArtifactRegistry.Pruning;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.Pruning;

/// <summary>PruneUntagged given a kube context: what the sandbox cluster runs stays, though untagged.</summary>
public sealed class PruneInUseTests
{
    [Test]
    public async Task An_untagged_digest_a_deployment_runs_is_kept_and_another_untagged_one_deleted()
    {
        await using var world = await DeployWorld.StartAsync();
        world.Sandbox.Grant("projects/cluster-project/locations/asia/repositories/apps", "roles/artifactregistry.repoAdmin", SandboxServer.MemberOf(SandboxPrincipals.Admin));
        var running = await world.PushAsync(DeployWorld.Readable, "kept:v1", "kept, running");
        await world.CreateDeploymentAsync("kept", 1, null, ("kept", running.ToString()));
        // Each push of :v1 moves the tag on: the running digest and then the stale one are left untagged.
        var stale = await world.PushAsync(DeployWorld.Readable, "kept:v1", "kept, stale");
        var current = await world.PushAsync(DeployWorld.Readable, "kept:v1", "kept, current");
        var context = await world.ContextAsync(SandboxPrincipals.Admin);

        var result = await PruneUntagged.RunAsync(context, s => s.SetImages($"{DeployWorld.Readable}/kept").SetKubeContexts("sandbox"));
        var left = await VersionsAsync(world, context, running.PackageName);

        Assert.Multiple(() =>
        {
            Assert.That(result.Plan.Decisions.Single(d => d.Version.Digest == running.Digest).Reason, Is.EqualTo(PruneReason.InUse));
            Assert.That(result.Plan.Deletions.Select(d => d.Version.Digest), Is.EqualTo(new[] { stale.Digest }));
            Assert.That(result.Deleted, Is.EqualTo(1));
            Assert.That(left, Is.EquivalentTo(new[] { running.Digest, current.Digest }), "the registry after the run");
            Assert.That(world.Log.Text, Does.Contain("of kube context sandbox").And.Contain("in use by a cluster"));
            Assert.That(world.Log.Text, Does.Contain($"{DeployWorld.Readable}/sample-api:").And.Contain("is run by tag only"),
                "the seeded deployment names a tag only: its digest cannot be known from the cluster");
        });
    }

    [TestCase("statefulset")]
    [TestCase("daemonset")]
    public async Task The_digest_of_an_earlier_controller_revision_is_kept_as_a_rollback_would_run_it(string kind)
    {
        await using var world = await DeployWorld.StartAsync();
        world.Sandbox.Grant("projects/cluster-project/locations/asia/repositories/apps", "roles/artifactregistry.repoAdmin", SandboxServer.MemberOf(SandboxPrincipals.Admin));
        var earlier = await world.PushAsync(DeployWorld.Readable, "set:v1", "set, earlier");
        if (kind == "statefulset")
            await world.CreateStatefulSetAsync("set", 2, earlier.ToString());
        else
            await world.CreateDaemonSetAsync("set", earlier.ToString());
        // Each push of :v1 moves the tag on, leaving the digests before it untagged.
        var running = await world.PushAsync(DeployWorld.Readable, "set:v1", "set, running");
        var context = await world.ContextAsync(SandboxPrincipals.Admin);
        await SetImage.RunAsync(await world.ContextAsync(), s => s.SetImage(running).SetWorkloads($"{kind}/set").SetNamespace(DeployWorld.Namespace));
        var stale = await world.PushAsync(DeployWorld.Readable, "set:v1", "set, stale");
        var current = await world.PushAsync(DeployWorld.Readable, "set:v1", "set, current");

        var result = await PruneUntagged.RunAsync(context, s => s.SetImages($"{DeployWorld.Readable}/set").SetKubeContexts("sandbox"));
        var left = await VersionsAsync(world, context, running.PackageName);

        Assert.Multiple(() =>
        {
            Assert.That(result.Plan.Decisions.Single(d => d.Version.Digest == earlier.Digest).Reason, Is.EqualTo(PruneReason.InUse), "only its controller revision names it");
            Assert.That(result.Plan.Decisions.Single(d => d.Version.Digest == running.Digest).Reason, Is.EqualTo(PruneReason.InUse));
            Assert.That(result.Plan.Deletions.Select(d => d.Version.Digest), Is.EqualTo(new[] { stale.Digest }));
            Assert.That(left, Is.EquivalentTo(new[] { earlier.Digest, running.Digest, current.Digest }), "the registry after the run");
        });
    }

    private static async Task<List<ImageDigest>> VersionsAsync(DeployWorld world, OperationContext context, PackageName package)
    {
        using var client = new ArtifactRegistryClient(context.AccessTokenSource!, new ArtifactRegistryClientOptions { ApiRoot = world.Sandbox.ApiEndpoint });
        var digests = new List<ImageDigest>();
        await foreach (var version in client.ListVersionsAsync(package))
            digests.Add(VersionName.Parse(version.Name!).Digest);
        return digests;
    }
}
