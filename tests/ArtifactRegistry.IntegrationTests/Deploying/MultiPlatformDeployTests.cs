using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.Docker;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.IntegrationTests.Publishing;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing;
using ArtifactRegistry.Testing.Docker;
using k8s;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>Deploy of a multi-platform image: the workload is pinned to the index's digest, which the cluster runs.</summary>
[CancelAfter(300_000)]
public class MultiPlatformDeployTests
{
    private const string Image = "asia-docker.pkg.dev/sample-project/sample/sample-api";
    private const string Namespace = "sample-namespace";

    private PublishWorld _world = null!;
    private SourceTree _source = null!;
    private string _kubeconfigs = null!;

    [OneTimeSetUp]
    public void RequireParts()
    {
        Prerequisites.RequireArm64Emulation();
        Prerequisites.RequireArm64Busybox();
    }

    [SetUp]
    public async Task Start()
    {
        _world = await PublishWorld.StartAsync(new SandboxOptions().WithCluster(SandboxClusterOptions.Default));
        await PlatformBusyboxBases.EnsureAsync(_world.Engine);
        _source = await SourceTree.CreateAsync("ARG TARGETARCH\nFROM local/busybox:${TARGETARCH}\nCOPY payload.txt /payload.txt\nRUN uname -m > /arch\n",
            new Dictionary<string, string> { ["payload.txt"] = "deploy " + Guid.NewGuid() });
        _kubeconfigs = Directory.CreateTempSubdirectory("ar-mp-deploy-kube-").FullName;
    }

    [TearDown]
    public async Task Stop()
    {
        _source.Dispose();
        await _world.DisposeAsync();
        Directory.Delete(_kubeconfigs, recursive: true);
    }

    [Test]
    public async Task The_workload_is_pinned_to_the_index_digest()
    {
        _world.Sandbox.Grant("projects/sample-project/locations/asia/repositories/sample", "roles/artifactregistry.reader", "serviceAccount:" + SandboxPrincipals.GkeNodes);
        var context = _world.Context(SandboxPrincipals.Deployer)
            .SetKubeconfig(await _world.Sandbox.WriteKubeconfigAsync(Path.Combine(_kubeconfigs, "deployer"), SandboxPrincipals.Deployer))
            .SetEnvironmentVariable("KUBECONFIG", null);

        var result = await Deploy.RunAsync(context, new DeploySettings()
            .AddImage(Image, _source.Path, "deployment/sample-api")
            .SetBuild(build => build
                .SetPlatforms("linux/amd64", "linux/arm64")
                .SetBuilder(DockerBuilder.Legacy)
                .SetDockerAuthSettings(auth => auth.SetMode(DockerAuthMode.AccessToken)))
            .SetRollout(rollout => rollout.SetNamespace(Namespace).SetRolloutTimeout(TimeSpan.FromMinutes(2))));

        var pushed = result.Pushed.Single();
        var rolledOut = result.Rollouts.Single().Workloads.Single();
        var running = await PodImagesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(pushed.Platforms.Select(platform => platform.Platform), Is.EqualTo(new[] { "linux/amd64", "linux/arm64" }));
            Assert.That(pushed.Platforms.Select(platform => platform.Digest), Has.None.EqualTo(pushed.Digest), "the result's digest is the index's, not a platform's");
            Assert.That(rolledOut.Image.Digest, Is.EqualTo(pushed.Digest));
            Assert.That(rolledOut.Outcome, Is.EqualTo(RolloutOutcome.RolledOut));
            Assert.That(running, Is.EqualTo(new[] { pushed.Image.ToString() }), "what the cluster runs: the index digest");
        });
    }

    private async Task<IReadOnlyList<string>> PodImagesAsync()
    {
        using var admin = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(
            await _world.Sandbox.WriteKubeconfigAsync(Path.Combine(_kubeconfigs, "admin"), SandboxPrincipals.Admin)));
        var pods = await admin.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: "app=sample-api");
        return pods.Items.Where(pod => pod.Metadata.DeletionTimestamp is null).Select(pod => pod.Spec.Containers.Single().Image).Distinct().ToList();
    }
}
