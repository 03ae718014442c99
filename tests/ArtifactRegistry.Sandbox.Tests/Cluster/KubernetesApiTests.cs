using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Tests.Cluster;

/// <summary>The cluster's API as KubernetesClient and a bare HTTPS client see it: auth, GKE's IAM refusals, discovery, errors.</summary>
public class KubernetesApiTests
{
    private TestCluster _cluster = null!;

    [SetUp]
    public async Task Start() => _cluster = await TestCluster.StartAsync();

    [TearDown]
    public async Task Stop() => await _cluster.DisposeAsync();

    [Test]
    public async Task The_seeded_deployment_is_rolled_out_and_available_when_the_sandbox_has_started()
    {
        var client = await _cluster.ClientAsync();

        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(TestCluster.Deployment, TestCluster.Namespace);
        var pods = await client.CoreV1.ListNamespacedPodAsync(TestCluster.Namespace, labelSelector: "app=sample-api");

        Assert.Multiple(() =>
        {
            Assert.That(deployment.Spec.Replicas, Is.EqualTo(2));
            Assert.That(deployment.Spec.Template.Spec.Containers.Single().Name, Is.EqualTo("sample-api"));
            Assert.That(deployment.Status.AvailableReplicas, Is.EqualTo(2));
            Assert.That(deployment.Status.ObservedGeneration, Is.EqualTo(deployment.Metadata.Generation));
            Assert.That(deployment.Metadata.Annotations["deployment.kubernetes.io/revision"], Is.EqualTo("1"));
            Assert.That(deployment.Status.Conditions.Select(c => (c.Type, c.Status, c.Reason)), Is.EquivalentTo(new[]
            {
                ("Available", "True", "MinimumReplicasAvailable"), ("Progressing", "True", "NewReplicaSetAvailable"),
            }));
            Assert.That(pods.Items.Select(p => (p.Status.Phase, p.Status.ContainerStatuses.Single().Ready)), Is.EqualTo(new[] { ("Running", true), ("Running", true) }));
            Assert.That(pods.Items.Select(p => p.Status.ContainerStatuses.Single().ImageID),
                Has.All.StartWith("asia-docker.pkg.dev/cluster-project/apps/sample-api@sha256:"));
        });
    }

    [Test]
    public async Task Anonymous_and_unknown_tokens_get_a_401_Status()
    {
        using var http = Https();
        var anonymous = await http.GetAsync(new Uri(_cluster.Server.ClusterEndpoint!, "apis/apps/v1/deployments"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_cluster.Server.ClusterEndpoint!, "api/v1/pods"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "ya29.not-issued-here");
        var unknown = await http.SendAsync(request);

        foreach (var answer in new[] { anonymous, unknown })
        {
            var status = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
            Assert.Multiple(() =>
            {
                Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
                Assert.That(status["kind"]!.GetValue<string>(), Is.EqualTo("Status"));
                Assert.That(status["reason"]!.GetValue<string>(), Is.EqualTo("Unauthorized"));
                Assert.That(status["code"]!.GetValue<int>(), Is.EqualTo(401));
            });
        }
    }

    [Test]
    public async Task A_container_viewer_reads_but_a_patch_is_refused_with_GKEs_wording()
    {
        var viewer = await _cluster.ClientAsync(SandboxPrincipals.Viewer);

        var read = await viewer.AppsV1.ReadNamespacedDeploymentAsync(TestCluster.Deployment, TestCluster.Namespace);
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => viewer.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"metadata":{"annotations":{"a":"b"}}}""", V1Patch.PatchType.MergePatch), TestCluster.Deployment, TestCluster.Namespace));

        var status = JsonNode.Parse(refused!.Response.Content)!;
        Assert.Multiple(() =>
        {
            Assert.That(read.Metadata.Name, Is.EqualTo(TestCluster.Deployment));
            Assert.That(refused.Response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(status["reason"]!.GetValue<string>(), Is.EqualTo("Forbidden"));
            Assert.That(status["message"]!.GetValue<string>(), Is.EqualTo(
                "deployments.apps \"sample-api\" is forbidden: User \"viewer@sample-project.iam.gserviceaccount.com\" cannot patch resource \"deployments\" " +
                "in API group \"apps\" in the namespace \"sample-namespace\": requires one of [\"container.deployments.update\"] permission(s)."));
        });
    }

    [Test]
    public async Task A_principal_without_a_container_role_cannot_even_list()
    {
        await using var bare = await TestCluster.StartAsync(SandboxClusterOptions.Default.WithSeedWorkloads(false));
        var client = await bare.ClientAsync();

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListPodForAllNamespacesAsync());

        Assert.That(JsonNode.Parse(refused!.Response.Content)!["message"]!.GetValue<string>(), Is.EqualTo(
            "pods is forbidden: User \"deployer@sample-project.iam.gserviceaccount.com\" cannot list resource \"pods\" in API group \"\" at the cluster scope: " +
            "requires one of [\"container.pods.list\"] permission(s)."));
    }

    [Test]
    public async Task Discovery_lists_the_served_groups_and_resources_as_plain_documents()
    {
        var client = await _cluster.ClientAsync();

        var version = await client.Version.GetCodeAsync();
        var core = await client.CoreV1.GetAPIResourcesAsync();
        var apps = await client.AppsV1.GetAPIResourcesAsync();
        var groups = await client.Apis.GetAPIVersionsAsync();

        Assert.Multiple(() =>
        {
            Assert.That((version.Major, version.Minor), Is.EqualTo(("1", "32")));
            Assert.That(core.Resources.Select(r => r.Name), Is.SupersetOf(new[] { "pods", "pods/log", "events", "namespaces" }));
            Assert.That(apps.Resources.Select(r => r.Name), Is.SupersetOf(new[] { "deployments", "deployments/status", "deployments/scale", "replicasets" }));
            Assert.That(apps.Resources.Single(r => r.Name == "deployments").Verbs, Is.SupersetOf(new[] { "get", "list", "watch", "patch", "update" }));
            Assert.That(groups.Groups.Select(g => g.PreferredVersion.GroupVersion), Is.EqualTo(new[] { "apps/v1" }));
        });
    }

    [Test]
    public async Task Missing_objects_and_bad_selectors_are_refused_with_the_API_servers_Status()
    {
        var client = await _cluster.ClientAsync();

        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.AppsV1.ReadNamespacedDeploymentAsync("nope", TestCluster.Namespace));
        var badField = await Assert.ThrowsAsync<HttpOperationException>(() => client.AppsV1.ListNamespacedDeploymentAsync(TestCluster.Namespace, fieldSelector: "spec.paused=true"));

        Assert.Multiple(() =>
        {
            Assert.That(missing!.Response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(JsonNode.Parse(missing.Response.Content)!["message"]!.GetValue<string>(), Is.EqualTo("deployments.apps \"nope\" not found"));
            Assert.That(badField!.Response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(JsonNode.Parse(badField.Response.Content)!["message"]!.GetValue<string>(), Is.EqualTo("field label not supported: spec.paused"));
        });
    }

    [Test]
    public async Task Lists_filter_by_label_and_field_selectors()
    {
        var client = await _cluster.ClientAsync();

        var byName = await client.AppsV1.ListNamespacedDeploymentAsync(TestCluster.Namespace, fieldSelector: "metadata.name=sample-api");
        var byOtherName = await client.AppsV1.ListNamespacedDeploymentAsync(TestCluster.Namespace, fieldSelector: "metadata.name=other");
        var byLabel = await client.CoreV1.ListPodForAllNamespacesAsync(labelSelector: "app in (sample-api),pod-template-hash");
        var notMatching = await client.CoreV1.ListPodForAllNamespacesAsync(labelSelector: "app!=sample-api");

        Assert.Multiple(() =>
        {
            Assert.That(byName.Items.Select(d => d.Metadata.Name), Is.EqualTo(new[] { "sample-api" }));
            Assert.That(long.Parse(byName.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
            Assert.That(byOtherName.Items, Is.Empty);
            Assert.That(byLabel.Items, Has.Count.EqualTo(2));
            Assert.That(notMatching.Items, Is.Empty);
        });
    }

    [Test]
    public async Task The_scale_subresource_reads_and_changes_the_replicas()
    {
        var client = await _cluster.ClientAsync();

        var before = await client.AppsV1.ReadNamespacedDeploymentScaleAsync(TestCluster.Deployment, TestCluster.Namespace);
        await client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), TestCluster.Deployment, TestCluster.Namespace);
        await _cluster.WaitUntilAsync("three available replicas", () => _cluster.RolledOut() && _cluster.GetDeployment().Spec.Replicas == 3);

        Assert.Multiple(() =>
        {
            Assert.That((before.Spec.Replicas, before.Status.Selector), Is.EqualTo((2, "app=sample-api")));
            Assert.That(_cluster.Pods().Count(p => p.Metadata.DeletionTimestamp is null), Is.EqualTo(3));
            Assert.That(_cluster.ReplicaSets(), Has.Count.EqualTo(1), "scaling is not a new template");
        });
    }

    [Test]
    public async Task Injected_cluster_faults_answer_a_429_Status_with_Retry_After()
    {
        _cluster.Server.Faults.FailNext(1, SandboxFault.Throttle, SandboxFaultScope.Cluster);
        using var http = Https();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_cluster.Server.ClusterEndpoint!, "apis/apps/v1/namespaces/sample-namespace/deployments/sample-api"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _cluster.Server.IssueAccessToken(SandboxPrincipals.Deployer));

        var throttled = await http.SendAsync(request);
        var status = JsonNode.Parse(await throttled.Content.ReadAsStringAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(throttled.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(throttled.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(status["reason"]!.GetValue<string>(), Is.EqualTo("TooManyRequests"));
            Assert.That(_cluster.Server.Counters["k8s:deployments.get"], Is.EqualTo(1));
        });
    }

    /// <summary>An HTTPS client trusting exactly the cluster's CA.</summary>
    private HttpClient Https()
    {
        var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(_cluster.Server.ClusterCaCertificatePem!);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
        {
            if (certificate is null || chain is null)
                return false;
            chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
            return chain.Build(new System.Security.Cryptography.X509Certificates.X509Certificate2(certificate));
        };
        return new HttpClient(handler);
    }
}
