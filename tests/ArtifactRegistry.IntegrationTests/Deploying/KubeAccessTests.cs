using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing;
using ArtifactRegistry.Testing.Gcloud;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>Reaching the cluster: kubeconfig forms, the real GKE exec plugin, and every way it fails, each in one message with its fix.</summary>
public sealed class KubeAccessTests
{
    private DeployWorld _world = null!;
    private string _image = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _world = await DeployWorld.StartAsync();
        var running = await _world.PushAsync(DeployWorld.Readable, "access:1", "access v1");
        _image = (await _world.PushAsync(DeployWorld.Readable, "access:2", "access v2")).ToString();
        await _world.CreateDeploymentAsync("access", 1, null, ("access", running.ToString()));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    private Task<SetImageResult> RunAsync(OperationContext context, string workload = "deployment/access", string ns = DeployWorld.Namespace) =>
        SetImage.RunAsync(context, s => s.SetImage(_image).SetWorkloads(workload).SetNamespace(ns));

    [Test]
    public async Task A_context_written_by_gcloud_get_credentials_works_through_the_real_exec_plugin()
    {
        Prerequisites.RequireProgram("gke-gcloud-auth-plugin");
        using var gcloud = GcloudCli.Create()
            .WithAccessToken(_world.Sandbox.IssueAccessToken(SandboxPrincipals.Deployer))
            .WithEnvironment("CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER", _world.Sandbox.ApiEndpoint.ToString());
        var kubeconfig = Path.Combine(_world.Directory, "gcloud-kubeconfig");
        var written = await gcloud.WithEnvironment("KUBECONFIG", kubeconfig)
            .RunAsync("container", "clusters", "get-credentials", "sandbox", "--location=asia-northeast1", "--project=cluster-project");
        Assert.That(written.ExitCode, Is.EqualTo(0), written.ToString());
        Assert.That(await File.ReadAllTextAsync(kubeconfig), Does.Contain("gke-gcloud-auth-plugin"));

        var context = (await _world.ContextAsync()).SetKubeconfig(kubeconfig).SetKubeContext(null)
            .SetEnvironmentVariables(gcloud.EnvironmentVariables);
        var result = await SetImage.RunAsync(context, s => s.SetImage(_image).SetWorkloads("deployment/access").SetNamespace(DeployWorld.Namespace));

        Assert.That(result.KubeContext, Is.EqualTo("gke_cluster-project_asia-northeast1_sandbox"));
        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public async Task A_missing_exec_plugin_is_named_with_gkes_install_hint()
    {
        var kubeconfig = Path.Combine(_world.Directory, "exec-kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, (await File.ReadAllTextAsync(await _world.KubeconfigForAsync()))
            .Replace("    token: ", "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: gke-gcloud-auth-plugin\n      provideClusterInfo: true\n    unused: "));
        var context = (await _world.ContextAsync()).SetKubeconfig(kubeconfig).SetEnvironmentVariable("PATH", Path.Combine(_world.Directory, "empty-bin"));

        var exception = await Assert.ThrowsAsync<KubeconfigException>(() => RunAsync(context));

        Assert.That(exception!.Problem, Is.EqualTo(KubeconfigProblem.ExecPluginNotFound));
        Assert.That(exception.Message, Does.StartWith("The kube context sandbox gets its credentials from the program gke-gcloud-auth-plugin, which is not installed (not on PATH)."));
        Assert.That(exception.Message, Does.Contain("https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin")
            .And.Contain("gcloud components install gke-gcloud-auth-plugin"));
    }

    [Test]
    public async Task No_kubeconfig_says_where_it_looked_and_how_to_write_one()
    {
        var context = (await _world.ContextAsync()).SetKubeconfig(null).SetHomeDirectory(Path.Combine(_world.Directory, "nobody"));

        var exception = await Assert.ThrowsAsync<KubeconfigException>(() => RunAsync(context));

        Assert.That(exception!.Problem, Is.EqualTo(KubeconfigProblem.NotFound));
        Assert.That(exception.Message, Does.StartWith($"There is no kubeconfig: KUBECONFIG is not set and {Path.Combine(_world.Directory, "nobody", ".kube", "config")} does not exist."));
        Assert.That(exception.Message, Does.Contain("gcloud container clusters get-credentials CLUSTER"));
    }

    [Test]
    public async Task A_missing_context_lists_the_contexts()
    {
        var context = (await _world.ContextAsync()).SetKubeContext("prod");

        var exception = await Assert.ThrowsAsync<KubeconfigException>(() => RunAsync(context));

        Assert.That(exception!.Message, Does.StartWith("The kube context prod is not in the kubeconfig").And.Contain("it has sandbox, my-cluster-context"));
        Assert.That(exception.Contexts, Is.EquivalentTo(new[] { "sandbox", "my-cluster-context" }));
    }

    [Test]
    public async Task KUBECONFIG_files_are_merged_and_the_first_current_context_wins()
    {
        var empty = Path.Combine(_world.Directory, "missing-file");
        var context = (await _world.ContextAsync()).SetKubeconfig(null)
            .SetEnvironmentVariable("KUBECONFIG", $"{empty}:{await _world.KubeconfigForAsync()}")
            .SetKubeContext("my-cluster-context");

        var result = await RunAsync(context);

        Assert.That(result.KubeContext, Is.EqualTo("my-cluster-context"));
    }

    [Test]
    public async Task Expired_credentials_say_so_and_how_to_renew_them()
    {
        var kubeconfig = await _world.Sandbox.WriteKubeconfigAsync(Path.Combine(_world.Directory, "expired"), SandboxPrincipals.Deployer, TimeSpan.FromMilliseconds(1));
        await Task.Delay(TimeSpan.FromMilliseconds(20)); // past the token's 1 ms lifetime, whatever the scheduling
        var context = (await _world.ContextAsync()).SetKubeconfig(kubeconfig);

        var exception = await Assert.ThrowsAsync<KubernetesApiException>(() => RunAsync(context));

        Assert.That(exception!.Problem, Is.EqualTo(KubernetesApiProblem.Unauthorized));
        Assert.That(exception.Message, Does.Contain("refused the credentials of user sandbox-deployer to get deployments \"access\" in namespace \"shop\""));
        Assert.That(exception.Message, Does.Contain("gcloud container clusters get-credentials sandbox --location=asia-northeast1 --project=cluster-project"));
        Assert.That(exception.Message, Does.Not.Contain("{"), "the server's body is not pasted in");
    }

    [Test]
    public async Task A_principal_without_the_role_is_told_the_verb_the_resource_and_the_role()
    {
        // An image no other test deploys: the patch must be needed, whatever ran before.
        var image = await _world.PushAsync(DeployWorld.Readable, "access:viewer", "access viewer");
        var context = await _world.ContextAsync(SandboxPrincipals.Viewer);

        var exception = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            SetImage.RunAsync(context, s => s.SetImage(image).SetWorkloads("deployment/access").SetNamespace(DeployWorld.Namespace)));

        Assert.That(exception!.Problem, Is.EqualTo(KubernetesApiProblem.Forbidden));
        Assert.That(exception.Message, Does.Contain("may not patch deployments \"access\" in namespace \"shop\""));
        Assert.That(exception.Message, Does.Contain(
            $"gcloud projects add-iam-policy-binding cluster-project --member=serviceAccount:{SandboxPrincipals.Viewer} --role=roles/container.developer"));
    }

    [Test]
    public async Task A_missing_workload_lists_the_namespaces_workloads()
    {
        var exception = await Assert.ThrowsAsync<WorkloadNotFoundException>(async () => await RunAsync(await _world.ContextAsync(), "deployment/acess"));

        Assert.That(exception!.Message, Does.StartWith("deployment/acess does not exist in namespace shop on kube context sandbox; its deployments: access"));
    }

    [Test]
    public async Task A_missing_namespace_lists_the_namespaces()
    {
        var exception = await Assert.ThrowsAsync<WorkloadNotFoundException>(async () => await RunAsync(await _world.ContextAsync(), ns: "shopp"));

        Assert.That(exception!.NamespaceMissing, Is.True);
        Assert.That(exception.Message, Does.StartWith("Namespace shopp does not exist on kube context sandbox").And.Contain("sample-namespace").And.Contain("shop"));
    }
}
