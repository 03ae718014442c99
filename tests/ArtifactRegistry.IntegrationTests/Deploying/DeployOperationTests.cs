using ArtifactRegistry.Hints;
using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.IntegrationTests.Publishing;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Sandbox;
using k8s;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>
/// Deploy end to end with the real docker: the seed's deployment/sample-api in sample-namespace gets the image just pushed to
/// sample-project/sample (another project than the cluster's, as in the second article), pinned to its digest.
/// </summary>
[CancelAfter(300_000)]
public class DeployOperationTests
{
    private const string Image = "asia-docker.pkg.dev/sample-project/sample/sample-api";
    private const string Workload = "deployment/sample-api";
    private const string Namespace = "sample-namespace";
    private const string Nodes = "serviceAccount:" + SandboxPrincipals.GkeNodes;

    private PublishWorld _world = null!;
    private SourceTree _source = null!;
    private string _kubeconfigs = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await PublishWorld.StartAsync(new SandboxOptions().WithCluster(SandboxClusterOptions.Default));
        _source = await SourceTree.ScratchAsync("deploy " + Guid.NewGuid());
        _kubeconfigs = Directory.CreateTempSubdirectory("ar-deploy-kube-").FullName;
    }

    [TearDown]
    public async Task Stop()
    {
        _source.Dispose();
        await _world.DisposeAsync();
        Directory.Delete(_kubeconfigs, recursive: true);
    }

    [Test]
    public async Task The_image_just_pushed_runs_in_the_cluster_pinned_to_its_digest_and_a_second_deploy_finds_it_running()
    {
        _world.Sandbox.Grant("projects/sample-project/locations/asia/repositories/sample", "roles/artifactregistry.reader", Nodes);
        var context = await ContextAsync(SandboxPrincipals.Deployer);

        var first = await Deploy.RunAsync(context, Settings());
        var second = await Deploy.RunAsync(context, Settings());

        var pushed = first.Pushed.Single();
        var rolledOut = first.Rollouts.Single().Workloads.Single();
        Assert.That(rolledOut.Outcome, Is.EqualTo(RolloutOutcome.RolledOut));
        Assert.That(rolledOut.Image, Is.EqualTo(pushed.Image));
        Assert.That(await PodImagesAsync(), Is.EqualTo(new[] { pushed.Image.ToString() }), "what the cluster really runs");
        Assert.That(second.Pushed.Single().Digest, Is.EqualTo(pushed.Digest), "an unchanged source builds the same image");
        Assert.That(second.Pushed.Single().LayersPushed, Is.Zero, "nothing new was pushed");
        Assert.That(second.Rollouts.Single().Workloads.Single().Outcome, Is.EqualTo(RolloutOutcome.Unchanged));
        Assert.That(second.ToString(), Does.Contain("nothing new").And.Contain("already running this digest"));
        Assert.That(first.ToString(), Does.Contain("rolled out (revision 2)").And.Contain(pushed.Digest.ToShortString()));
    }

    [Test]
    public async Task A_changed_source_rolls_the_new_digest_out()
    {
        _world.Sandbox.Grant("projects/sample-project/locations/asia/repositories/sample", "roles/artifactregistry.reader", Nodes);
        var context = await ContextAsync(SandboxPrincipals.Deployer);
        var first = await Deploy.RunAsync(context, Settings());
        _source.Write("payload.txt", "changed " + Guid.NewGuid());
        await _source.CommitAsync("change");

        var second = await Deploy.RunAsync(context, Settings());

        Assert.That(second.Pushed.Single().Digest, Is.Not.EqualTo(first.Pushed.Single().Digest));
        Assert.That(second.Rollouts.Single().Workloads.Single().Outcome, Is.EqualTo(RolloutOutcome.RolledOut));
        Assert.That(second.Rollouts.Single().Workloads.Single().PreviousDigest, Is.EqualTo(first.Pushed.Single().Digest));
        Assert.That(await PodImagesAsync(), Is.EqualTo(new[] { second.Pushed.Single().Image.ToString() }));
    }

    [Test]
    public async Task With_a_reader_member_an_administrator_s_deploy_grants_the_nodes_before_the_rollout()
    {
        var context = await ContextAsync(SandboxPrincipals.Admin);

        var result = await Deploy.RunAsync(context, Settings().SetReaderMember(Nodes));

        Assert.That(result.Grants.Single().Member, Is.EqualTo(Nodes));
        Assert.That(result.Grants.Single().Changed, Is.True);
        Assert.That(result.Rollouts.Single().Succeeded, Is.True);
        Assert.That(result.ToString(), Does.Contain($"reader: {Nodes} holds roles/artifactregistry.reader on asia-docker.pkg.dev/sample-project/sample (granted now)"));
    }

    [Test]
    public async Task Without_the_grant_the_rollout_fails_fast_with_the_grant_to_make_and_a_build_account_s_reader_member_is_only_a_warning()
    {
        var context = await ContextAsync(SandboxPrincipals.Deployer);

        var error = (await Assert.ThrowsAsync<RolloutFailedException>(() => Deploy.RunAsync(context, Settings().SetReaderMember(Nodes))))!;

        Assert.That(error.Message, Does.Contain("roles/artifactregistry.reader").And.Contain(SandboxPrincipals.GkeNodes).And.Contain("GrantReader"));
        Assert.That(_world.Log.Text, Does.Contain("Warning: Deploy: the reader grant for " + Nodes));
    }

    [Test]
    public async Task A_principal_without_the_writer_role_is_stopped_by_the_access_preflight_with_the_grant_to_make()
    {
        var context = await ContextAsync(SandboxPrincipals.Viewer);

        var error = (await Assert.ThrowsAsync<ArtifactRegistry.Access.ArtifactRegistryAccessDeniedException>(() => Deploy.RunAsync(context, Settings())))!;

        Assert.That(error.MissingPermissions, Does.Contain("artifactregistry.repositories.uploadArtifacts"));
        Assert.That(error.GrantCommand, Does.Contain("--role=roles/artifactregistry.writer").And.Contain(SandboxPrincipals.Viewer));
    }

    [Test]
    public async Task A_missing_workload_ends_the_deploy_with_the_workloads_that_exist()
    {
        var context = await ContextAsync(SandboxPrincipals.Deployer);

        var error = (await Assert.ThrowsAsync<WorkloadNotFoundException>(() =>
            Deploy.RunAsync(context, new DeploySettings().AddImage(Image, _source.Path, "deployment/sample-apj").SetBuild(Build).SetRollout(r => r.SetNamespace(Namespace)))))!;

        Assert.That(error.Message, Does.Contain("sample-apj").And.Contain("sample-api"));
    }

    [Test]
    public async Task Nothing_starts_for_an_image_without_a_workload_or_a_malformed_one()
    {
        var context = await ContextAsync(SandboxPrincipals.Deployer);

        var noWorkload = (await Assert.ThrowsAsync<SettingsException>(() => Deploy.RunAsync(context, new DeploySettings().AddImage(Image, _source.Path))))!;
        var noImage = (await Assert.ThrowsAsync<SettingsException>(() => Deploy.RunAsync(context, new DeploySettings())))!;

        Assert.That(noWorkload.Message, Does.Contain("SetWorkloads(\"deployment/sample-api\")"));
        Assert.That(noWorkload.Settings, Is.EqualTo(new[] { SettingNames.Workloads, SettingNames.Kustomization }), "a host shows its own parameters");
        Assert.That(noImage.Message, Does.Contain("AddImage(\"asia-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE\")"));
        Assert.That(_world.Sandbox.Counters.Total, Is.Zero);
        Assert.That(_world.Runner.Visible, Is.Empty, "no docker command ran");
    }

    [Test]
    public async Task The_rollout_uses_the_cluster_the_preflight_checked_so_the_credential_plugin_runs_once()
    {
        _world.Sandbox.Grant("projects/sample-project/locations/asia/repositories/sample", "roles/artifactregistry.reader", Nodes);
        var context = await ContextAsync(SandboxPrincipals.Deployer);
        var kubeconfig = context.Kubeconfig!;
        var token = File.ReadAllLines(kubeconfig).Single(line => line.StartsWith("    token: ", StringComparison.Ordinal))["    token: ".Length..];
        var runs = Path.Combine(_kubeconfigs, "plugin-runs");
        var plugin = Path.Combine(_kubeconfigs, "credential-plugin");
        await File.WriteAllTextAsync(plugin,
            $"#!/bin/sh\necho run >> '{runs}'\nprintf '%s' '{{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{{\"token\":\"{token}\",\"expirationTimestamp\":\"2099-01-01T00:00:00Z\"}}}}'\n");
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await File.WriteAllTextAsync(kubeconfig, (await File.ReadAllTextAsync(kubeconfig)).Replace("    token: " + token,
            $"    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: {plugin}\n      interactiveMode: Never"));

        var result = await Deploy.RunAsync(context, Settings());

        Assert.That(result.Rollouts.Single().Workloads.Single().Outcome, Is.EqualTo(RolloutOutcome.RolledOut));
        Assert.That(await File.ReadAllLinesAsync(runs), Has.Length.EqualTo(1), "one kubeconfig load and one token for the preflight and the rollout");
    }

    private DeploySettings Settings() => new DeploySettings()
        .AddImage(Image, _source.Path, Workload)
        .SetBuild(Build)
        .SetRollout(rollout => rollout.SetNamespace(Namespace).SetRolloutTimeout(TimeSpan.FromMinutes(2)));

    private static BuildAndPushSettings Build(BuildAndPushSettings build) => build
        .SetDockerAuthSettings(auth => auth.SetMode(DockerAuthMode.AccessToken))
        .SetPushRetries(4, TimeSpan.FromMilliseconds(50));

    private async Task<OperationContext> ContextAsync(string principal) => _world.Context(principal)
        .SetKubeconfig(await _world.Sandbox.WriteKubeconfigAsync(Path.Combine(_kubeconfigs, "kubeconfig-" + principal[..principal.IndexOf('@')]), principal))
        .SetEnvironmentVariable("KUBECONFIG", null)
        .SetEnvironmentVariable("CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER", _world.Sandbox.ApiEndpoint.ToString())
        .SetEnvironmentVariable("CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER", _world.Sandbox.ApiEndpoint.ToString());

    private async Task<IReadOnlyList<string>> PodImagesAsync()
    {
        using var admin = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(
            await _world.Sandbox.WriteKubeconfigAsync(Path.Combine(_kubeconfigs, "admin"), SandboxPrincipals.Admin)));
        var pods = await admin.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: "app=sample-api");
        return pods.Items.Where(pod => pod.Metadata.DeletionTimestamp is null).Select(pod => pod.Spec.Containers.Single().Image).Distinct().ToList();
    }
}
