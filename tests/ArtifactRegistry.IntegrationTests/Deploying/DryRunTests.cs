using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.IntegrationTests.Publishing;
using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Sandbox;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>
/// Dry runs of SetImage and Deploy against the sandbox cluster: everything checked as for real, the patches sent with
/// <c>dryRun=All</c>, and afterwards the deployment exactly as it was (same generation, same image, same resource version),
/// nothing built or pushed.
/// </summary>
[CancelAfter(300_000)]
public class DryRunTests
{
    private const string Image = "asia-docker.pkg.dev/sample-project/sample/sample-api";
    private const string Namespace = "sample-namespace";

    private PublishWorld _world = null!;
    private SourceTree _source = null!;
    private string _temp = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await PublishWorld.StartAsync(new SandboxOptions().WithCluster(SandboxClusterOptions.Default));
        _source = await SourceTree.ScratchAsync("dry run " + Guid.NewGuid());
        _temp = Directory.CreateTempSubdirectory("ar-dry-run-").FullName;
        // SetImage resolves the cluster's sample tag to its digest through Artifact Registry, as the deployer.
        _world.Sandbox.Grant("projects/cluster-project/locations/asia/repositories/apps", "roles/artifactregistry.reader", "serviceAccount:" + SandboxPrincipals.Deployer);
    }

    [TearDown]
    public async Task Stop()
    {
        _source.Dispose();
        await _world.DisposeAsync();
        Directory.Delete(_temp, recursive: true);
    }

    [Test]
    public async Task SetImage_s_dry_run_resolves_the_tag_sends_the_patch_with_dryRun_All_and_leaves_the_deployment_as_it_was()
    {
        var before = await DeploymentAsync();

        var result = await SetImage.RunAsync(await ContextAsync(SandboxPrincipals.Deployer), s => s
            .SetImage(SandboxClusterOptions.SampleImage).SetWorkloads("deployment/sample-api").SetNamespace(Namespace).SetRollbackOnFailure(true).SetDryRun());

        var after = await DeploymentAsync();
        var workload = result.Workloads.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.DryRun, Is.True);
            Assert.That(workload.Outcome, Is.EqualTo(RolloutOutcome.Planned));
            Assert.That(workload.PreviousImage, Is.EqualTo(SandboxClusterOptions.SampleImage));
            Assert.That(workload.Image.ToString(), Does.StartWith(SandboxClusterOptions.SampleImage + "@sha256:"), "the tag's current digest");
            Assert.That(after.Metadata.Generation, Is.EqualTo(before.Metadata.Generation));
            Assert.That(after.Metadata.ResourceVersion, Is.EqualTo(before.Metadata.ResourceVersion));
            Assert.That(after.Spec.Template.Spec.Containers[0].Image, Is.EqualTo(SandboxClusterOptions.SampleImage));
            Assert.That(_world.Log.Text, Does.Contain($"deployment/sample-api: container sample-api {SandboxClusterOptions.SampleImage} → {workload.Image} (dry run: the API server accepted the patch; nothing was changed)"));
            Assert.That(result.ToString(), Does.Contain("dry run: would change"));
        });
    }

    [Test]
    public async Task A_dry_run_shows_the_RBAC_refusal_the_real_patch_would_meet()
    {
        var pinned = (await SetImage.RunAsync(await ContextAsync(SandboxPrincipals.Deployer), s => s
            .SetImage(SandboxClusterOptions.SampleImage).SetWorkloads("deployment/sample-api").SetNamespace(Namespace).SetDryRun())).Workloads.Single().Image;

        var viewer = await ContextAsync(SandboxPrincipals.Viewer);
        var error = (await Assert.ThrowsAsync<KubernetesApiException>(() => SetImage.RunAsync(viewer, s => s
            .SetImage(pinned).SetWorkloads("deployment/sample-api").SetNamespace(Namespace).SetDryRun())))!;

        Assert.That(error.Message, Does.Contain("cannot patch resource \"deployments\"").And.Contain(SandboxPrincipals.Viewer));
    }

    [Test]
    public async Task Deploy_s_dry_run_checks_credentials_access_and_workloads_builds_nothing_and_plans_the_next_build_s_image()
    {
        var before = await DeploymentAsync();
        var context = await ContextAsync(SandboxPrincipals.Deployer);

        var result = await Deploy.RunAsync(context, Settings().SetDryRun());

        var commit = (await _source.GitAsync("rev-parse", "--short", "HEAD")).Trim();
        var after = await DeploymentAsync();
        var workload = result.Rollouts.Single().Workloads.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.DryRun, Is.True);
            Assert.That(result.Pushed, Is.Empty);
            Assert.That(_world.DockerCommands, Has.None.Contain("build").And.None.Contain("push"), "nothing built or pushed");
            Assert.That(workload.Outcome, Is.EqualTo(RolloutOutcome.Planned));
            Assert.That(workload.Image.ToString(), Is.EqualTo($"{Image}:{commit}"), "IMAGE:TAG of the build that would run");
            Assert.That(result.ToString(), Does.Contain($"{Image}:{commit}@<digest of the next build>").And.Contain("not built (dry run)"));
            Assert.That(after.Metadata.Generation, Is.EqualTo(before.Metadata.Generation));
            Assert.That(after.Spec.Template.Spec.Containers[0].Image, Is.EqualTo(SandboxClusterOptions.SampleImage));
        });
    }

    [Test]
    public async Task Deploy_s_dry_run_stops_at_the_access_preflight_as_a_real_deploy_would()
    {
        var context = await ContextAsync(SandboxPrincipals.Viewer);

        var error = (await Assert.ThrowsAsync<ArtifactRegistry.Access.ArtifactRegistryAccessDeniedException>(() => Deploy.RunAsync(context, Settings().SetDryRun())))!;

        Assert.That(error.MissingPermissions, Does.Contain("artifactregistry.repositories.uploadArtifacts"));
    }

    private DeploySettings Settings() => new DeploySettings()
        .AddImage(Image, _source.Path, "deployment/sample-api")
        .SetBuild(build => build.SetDockerAuthSettings(auth => auth.SetMode(DockerAuthMode.AccessToken)))
        .SetRollout(rollout => rollout.SetNamespace(Namespace));

    private async Task<OperationContext> ContextAsync(string principal) => _world.Context(principal)
        .SetKubeconfig(await _world.Sandbox.WriteKubeconfigAsync(Path.Combine(_temp, "kubeconfig-" + principal[..principal.IndexOf('@')]), principal))
        .SetEnvironmentVariable("KUBECONFIG", null);

    private async Task<V1Deployment> DeploymentAsync()
    {
        using var admin = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(
            await _world.Sandbox.WriteKubeconfigAsync(Path.Combine(_temp, "admin"), SandboxPrincipals.Admin)));
        return await admin.AppsV1.ReadNamespacedDeploymentAsync("sample-api", Namespace);
    }
}
