using ArtifactRegistry.Sandbox.Tests.Support;
using ArtifactRegistry.Testing;
using ArtifactRegistry.Testing.Gcloud;
using ArtifactRegistry.Testing.Json;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Sandbox.Tests.RealClients;

/// <summary>
/// The path GKE users and CI take: the real <c>gcloud container clusters get-credentials</c> writes a kubeconfig whose user is
/// the real <c>gke-gcloud-auth-plugin</c>, which asks gcloud for a token, which gcloud gets from the sandbox's OAuth endpoint
/// with a service-account key the sandbox wrote.
/// </summary>
public class GkeCredentialsTests
{
    [Test]
    public async Task Get_credentials_writes_an_exec_plugin_kubeconfig_whose_tokens_come_from_the_sandboxs_oauth()
    {
        Prerequisites.RequireProgram("gke-gcloud-auth-plugin");
        Prerequisites.RequireProgram("kubectl");
        await using var cluster = await TestCluster.StartAsync();
        var key = cluster.Server.WriteServiceAccountKey(SandboxPrincipals.Deployer, cluster.Directory.Path);
        var kubeconfig = cluster.Directory.Combine("gke-kubeconfig");
        using var gcloud = GcloudCli.Create()
            .WithEnvironment("CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER", cluster.Server.ApiEndpoint.ToString())
            .WithEnvironment("KUBECONFIG", kubeconfig);

        (await gcloud.RunAsync("auth", "activate-service-account", "--key-file=" + key)).EnsureSuccess();
        var written = (await gcloud.RunAsync("container", "clusters", "get-credentials", "sandbox", "--location", "asia-northeast1", "--project", "cluster-project")).EnsureSuccess();
        var environment = new Dictionary<string, string> { ["CLOUDSDK_CONFIG"] = gcloud.ConfigDirectory, ["CLOUDSDK_AUTH_ACCESS_TOKEN"] = "" };
        var plugin = await ExternalProgram.RunAsync("gke-gcloud-auth-plugin", [], environment);
        var credential = RequiredJson.Parse(plugin.EnsureSuccess().StandardOutput, "gke-gcloud-auth-plugin's output");
        var tokenInfo = await cluster.Sandbox.GetAsync("tokeninfo?access_token=" + Uri.EscapeDataString(credential.Require<string>("status", "token")), null);
        var listed = await cluster.KubectlAsync(["get", "deployments", "-n", "sample-namespace"], kubeconfig: kubeconfig, environment: environment);
        var status = await cluster.KubectlAsync(["rollout", "status", "deployment/sample-api", "-n", "sample-namespace", "--timeout=30s"], kubeconfig: kubeconfig, environment: environment);
        var text = await File.ReadAllTextAsync(kubeconfig);

        Assert.Multiple(() =>
        {
            Assert.That(written.StandardError, Does.Contain("kubeconfig entry generated for sandbox."));
            Assert.That(text, Does.Contain("command: gke-gcloud-auth-plugin").And.Contain("current-context: gke_cluster-project_asia-northeast1_sandbox"));
            Assert.That(text, Does.Contain("server: " + cluster.Server.ClusterEndpoint!.GetLeftPart(UriPartial.Authority)));
            Assert.That(listed.Succeeded, Is.True, listed.StandardError);
            Assert.That(listed.StandardOutput, Does.Match(@"sample-api\s+2/2"));
            Assert.That(status.StandardOutput, Does.Contain("successfully rolled out"));
            Assert.That(credential.Require<string>("kind"), Is.EqualTo("ExecCredential"));
            Assert.That(tokenInfo.Json.Require<string>("email"), Is.EqualTo(SandboxPrincipals.Deployer), "the plugin's token is one the sandbox issued for the key");
            // The plugin caches its token beside the kubeconfig it serves (else in ~/.kube), kubectl its discovery in its home:
            // both in this test's folder, where no other test's kubectl or plugin reads them.
            Assert.That(cluster.Directory.Combine("gke_gcloud_auth_plugin_cache"), Does.Exist);
            Assert.That(cluster.KubectlHome.Combine(".kube", "cache", "discovery"), Does.Exist);
            Assert.That(cluster.Server.Counters[SandboxRoutes.OAuthToken], Is.GreaterThanOrEqualTo(1), "gcloud exchanged the key's JWT at the sandbox");
            Assert.That(cluster.Server.Counters["container:clusters.get"], Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Get_credentials_for_an_unknown_cluster_or_without_a_container_role_is_refused_with_googles_text()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var gcloud = GcloudCli.Create()
            .WithEnvironment("CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER", cluster.Server.ApiEndpoint.ToString())
            .WithEnvironment("KUBECONFIG", cluster.Directory.Combine("refused-kubeconfig"));

        var unknown = await gcloud.WithAccessToken(cluster.Server.IssueAccessToken(SandboxPrincipals.Deployer))
            .RunAsync("container", "clusters", "get-credentials", "other", "--location", "asia-northeast1", "--project", "cluster-project");
        var forbidden = await gcloud.WithAccessToken(cluster.Server.IssueAccessToken(SandboxPrincipals.GkeNodes))
            .RunAsync("container", "clusters", "get-credentials", "sandbox", "--location", "asia-northeast1", "--project", "cluster-project");

        Assert.Multiple(() =>
        {
            Assert.That(unknown.Succeeded, Is.False);
            Assert.That(unknown.StandardError, Does.Contain("Not found: projects/cluster-project/locations/asia-northeast1/clusters/other."));
            Assert.That(forbidden.Succeeded, Is.False);
            Assert.That(forbidden.StandardError, Does.Contain("Required \"container.clusters.get\" permission(s) for \"projects/cluster-project/locations/asia-northeast1/clusters/sandbox\"."));
        });
    }
}
