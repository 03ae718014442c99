using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.Rollouts;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>
/// A node pool running as the Compute Engine default account, which the GKE API calls "default": the pull failure names its
/// real email, PROJECT_NUMBER-compute@developer.gserviceaccount.com, read from Resource Manager's projects.get.
/// </summary>
public sealed class DefaultNodeAccountTests
{
    [Test]
    public async Task The_grant_names_the_compute_default_account_by_its_project_number_and_making_it_lets_the_rollout_finish()
    {
        var cluster = SandboxClusterOptions.Default.WithNodeServiceAccount("default");
        await using var world = await DeployWorld.StartAsync(cluster);
        // Reading the project's number takes resourcemanager.projects.get, which roles/viewer holds.
        world.Sandbox.Grant("projects/cluster-project", "roles/viewer", SandboxServer.MemberOf(SandboxPrincipals.Deployer));
        var running = await world.PushAsync(DeployWorld.Readable, "api:1", "api v1");
        var elsewhere = await world.PushAsync(DeployWorld.Unreadable, "api:2", "api v2");
        await world.CreateDeploymentAsync("api", 1, null, ("api", running.ToString()));
        var context = (await world.ContextAsync()).SetEnvironmentVariable("CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER", world.Sandbox.ApiEndpoint.ToString());

        var exception = await Assert.ThrowsAsync<RolloutFailedException>(async () =>
            await SetImage.RunAsync(context, s => s.SetImage(elsewhere).SetWorkloads("deployment/api").SetNamespace(DeployWorld.Namespace)));

        Assert.Multiple(() =>
        {
            Assert.That(cluster.NodePullAccount, Does.Match(@"^\d{12}-compute@developer\.gserviceaccount\.com$"));
            Assert.That(exception!.Message, Does.Contain(
                $"gcloud artifacts repositories add-iam-policy-binding sample --location=asia --project=sample-project --member=serviceAccount:{cluster.NodePullAccount} --role=roles/artifactregistry.reader"));
            Assert.That(exception.Message, Does.Not.Contain("PROJECT_NUMBER"));
            Assert.That(exception.Message, Does.Contain("is the Compute Engine default service account"));
        });

        world.Sandbox.Grant("projects/sample-project/locations/asia/repositories/sample", "roles/artifactregistry.reader", SandboxServer.MemberOf(cluster.NodePullAccount));
        var result = await SetImage.RunAsync(context, s => s.SetImage(elsewhere).SetWorkloads("deployment/api").SetNamespace(DeployWorld.Namespace));

        Assert.That(result.Workloads.Single().Outcome, Is.EqualTo(RolloutOutcome.Unchanged).Or.EqualTo(RolloutOutcome.RolledOut));
        Assert.That(await world.PodImagesAsync("api", "api"), Is.EqualTo(new[] { elsewhere.ToString() }));
    }

    [Test]
    public async Task Without_leave_to_read_the_project_the_grant_keeps_the_placeholder_and_says_how_to_find_the_number()
    {
        await using var world = await DeployWorld.StartAsync(SandboxClusterOptions.Default.WithNodeServiceAccount("default"));
        var running = await world.PushAsync(DeployWorld.Readable, "api:1", "api v1");
        var elsewhere = await world.PushAsync(DeployWorld.Unreadable, "api:2", "api v2");
        await world.CreateDeploymentAsync("api", 1, null, ("api", running.ToString()));
        var context = (await world.ContextAsync()).SetEnvironmentVariable("CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER", world.Sandbox.ApiEndpoint.ToString());

        var exception = await Assert.ThrowsAsync<RolloutFailedException>(async () =>
            await SetImage.RunAsync(context, s => s.SetImage(elsewhere).SetWorkloads("deployment/api").SetNamespace(DeployWorld.Namespace)));

        Assert.That(exception!.Message, Does.Contain("--member=serviceAccount:PROJECT_NUMBER-compute@developer.gserviceaccount.com")
            .And.Contain("`gcloud projects describe cluster-project --format='value(projectNumber)'`"));
    }
}
