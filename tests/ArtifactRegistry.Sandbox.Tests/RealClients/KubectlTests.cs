using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Tests.Support;
using ArtifactRegistry.Testing.Json;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Sandbox.Tests.RealClients;

/// <summary>
/// The real kubectl (gcloud's dispatcher and its bundled kubectl) against the sandbox cluster through the kubeconfig the
/// sandbox writes: the seed script's deploy lines as written, and the commands SetImage replaces. Each test has its own
/// sandbox, HOME and discovery cache; a missing kubectl fails under CI=true.
/// </summary>
public class KubectlTests
{
    private const string Seed = "-n sample-namespace";
    private TestCluster _cluster = null!;

    // Before any SetUp, so a missing kubectl skips (or, under CI, fails) each test with that reason and no TearDown runs on nothing.
    [OneTimeSetUp]
    public void RequireKubectl() => Testing.Prerequisites.RequireProgram("kubectl");

    [SetUp]
    public async Task Start()
    {
        _cluster = await TestCluster.StartAsync();
    }

    [TearDown]
    public async Task Stop() => await _cluster.DisposeAsync();

    [Test]
    public async Task The_seed_scripts_set_image_record_warns_patches_and_run_again_with_the_same_latest_changes_nothing()
    {
        await _cluster.Sandbox.PushAsync("seed-latest");
        _cluster.Server.Grant(TestCluster.CrossProjectRepository, "roles/artifactregistry.reader", SandboxServer.MemberOf(SandboxPrincipals.GkeNodes));
        string[] setImage = ["set", "image", "-n", "sample-namespace", "deployment/sample-api", "sample-api=asia-docker.pkg.dev/sample-project/sample/sample-api:latest", "--record"];

        var useContext = await Kubectl("config", "use-context", "my-cluster-context");
        var first = await Kubectl(setImage);
        var afterFirst = _cluster.GetDeployment();
        await _cluster.WaitUntilAsync("the first rollout", () => _cluster.RolledOut());
        var second = await Kubectl(setImage);
        var afterSecond = _cluster.GetDeployment();

        Assert.Multiple(() =>
        {
            Assert.That(useContext.StandardOutput, Does.Contain("Switched to context \"my-cluster-context\""));
            Assert.That(first.StandardError, Does.Contain("Flag --record has been deprecated, --record will be removed in the future"));
            Assert.That(first.StandardOutput, Does.Contain("deployment.apps/sample-api image updated"));
            Assert.That(afterFirst.Metadata.Generation, Is.EqualTo(2));
            Assert.That(afterFirst.Metadata.Annotations["kubernetes.io/change-cause"], Does.StartWith("kubectl set image deployment/sample-api sample-api=asia-docker.pkg.dev/sample-project/sample/sample-api:latest"));
            Assert.That(second.Succeeded, Is.True, second.StandardError);
            Assert.That(afterSecond.Metadata.Generation, Is.EqualTo(2), "the unchanged :latest rolls nothing out: the defect SetImage fixes");
            Assert.That(afterSecond.Metadata.ResourceVersion, Is.EqualTo(_cluster.GetDeployment().Metadata.ResourceVersion));
        });
    }

    [Test]
    public async Task Get_and_describe_print_the_servers_columns_and_the_deployments_story()
    {
        var deployments = await Kubectl("get", "deployments", "-n", "sample-namespace");
        var pods = await Kubectl("get", "pods", "-n", "sample-namespace", "-o", "wide");
        var described = await Kubectl("describe", "deployment", "sample-api", "-n", "sample-namespace");
        var describedPod = await Kubectl("describe", "pod", "-n", "sample-namespace", _cluster.Pods().First().Metadata.Name);

        Assert.Multiple(() =>
        {
            Assert.That(Lines(deployments)[0], Does.Match(@"^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$"));
            Assert.That(Lines(deployments)[1], Does.Match(@"^sample-api\s+2/2\s+2\s+2\s+\d+s$"));
            Assert.That(Lines(pods).Skip(1), Has.All.Match(@"^sample-api-[a-z0-9]+-[a-z0-9]{5}\s+1/1\s+Running\s+0\s+\d+s\s+10\.52\.\d+\.\d+\s+gke-sandbox-default-pool-"));
            Assert.That(described.StandardOutput, Does.Contain("Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable"));
            Assert.That(described.StandardOutput, Does.Match(@"NewReplicaSet:\s+sample-api-[a-z0-9]+ \(2/2 replicas created\)"));
            Assert.That(described.StandardOutput, Does.Contain("Scaled up replica set sample-api-"));
            Assert.That(describedPod.StandardOutput, Does.Contain("Image ID:       asia-docker.pkg.dev/cluster-project/apps/sample-api@sha256:"));
            Assert.That(describedPod.StandardOutput, Does.Match(@"Normal\s+Pulled\s+\S+\s+kubelet\s+Successfully pulled image"));
        });
    }

    [Test]
    public async Task Rollout_status_history_and_undo_and_annotate_work_as_on_a_real_cluster()
    {
        _cluster.Server.Grant("projects/cluster-project/locations/asia/repositories/apps", "roles/artifactregistry.writer", SandboxServer.MemberOf(SandboxPrincipals.Deployer));
        await _cluster.Sandbox.PushAsync(TestImage.Create("v2"), "cluster-project/apps/sample-api", "2.0.0");

        // After set image, as the replacement for --record does it: annotating first would label the current revision too.
        await Kubectl("set", "image", "deployment/sample-api", "-n", "sample-namespace", "sample-api=asia-docker.pkg.dev/cluster-project/apps/sample-api:2.0.0");
        await Kubectl("annotate", "deployment/sample-api", "-n", "sample-namespace", "kubernetes.io/change-cause=deploy 2.0.0");
        var status = await Kubectl("rollout", "status", "deployment/sample-api", "-n", "sample-namespace", "--timeout=60s");
        var history = await Kubectl("rollout", "history", "deployment/sample-api", "-n", "sample-namespace");
        var undo = await Kubectl("rollout", "undo", "deployment/sample-api", "-n", "sample-namespace");
        var statusAfterUndo = await Kubectl("rollout", "status", "deployment/sample-api", "-n", "sample-namespace", "--timeout=60s");
        var image = await Kubectl("get", "deployment/sample-api", "-n", "sample-namespace", "-o", "jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}");

        Assert.Multiple(() =>
        {
            Assert.That(status.StandardOutput, Does.Contain("deployment \"sample-api\" successfully rolled out"));
            Assert.That(Lines(history).Skip(1).Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"\s+", " ")),
                Is.EqualTo(new[] { "REVISION CHANGE-CAUSE", "1 <none>", "2 deploy 2.0.0" }));
            Assert.That(undo.StandardOutput, Does.Contain("deployment.apps/sample-api rolled back"));
            Assert.That(statusAfterUndo.StandardOutput, Does.Contain("successfully rolled out"));
            Assert.That(image.StandardOutput, Is.EqualTo(SandboxClusterOptions.SampleImage + " 3"));
        });
    }

    [Test]
    public async Task Get_pods_all_namespaces_json_logs_and_events_read_the_simulated_nodes()
    {
        var json = RequiredJson.Parse((await Kubectl("get", "pods", "-A", "-o", "json")).StandardOutput, "kubectl get pods -o json");
        var logs = await Kubectl("logs", "-n", "sample-namespace", "deployment/sample-api");
        var events = await Kubectl("get", "events", "-n", "sample-namespace");

        var items = json.Require("items").AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(json.Require<string>("kind"), Is.EqualTo("List").Or.EqualTo("PodList"));
            Assert.That(items.Select(p => p.Require<string>("spec", "containers", 0, "image")), Has.All.EqualTo(SandboxClusterOptions.SampleImage));
            Assert.That(items.Select(p => p.Require<string>("status", "containerStatuses", 0, "imageID")), Has.All.StartWith("asia-docker.pkg.dev/cluster-project/apps/sample-api@sha256:"));
            Assert.That(logs.StandardOutput, Does.Contain("sandbox: container sample-api started from asia-docker.pkg.dev/cluster-project/apps/sample-api@sha256:"));
            Assert.That(Lines(events)[0], Does.Match(@"^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$"));
            Assert.That(events.StandardOutput, Does.Contain("deployment/sample-api").And.Contain("ScalingReplicaSet"));
        });
    }

    [Test]
    public async Task A_cross_project_image_is_ImagePullBackOff_with_the_403_until_the_node_account_reads_the_repository()
    {
        await _cluster.Sandbox.PushAsync("cross-project-kubectl");
        await Kubectl("set", "image", "deployment/sample-api", "-n", "sample-namespace", "sample-api=asia-docker.pkg.dev/sample-project/sample/sample-api:latest");

        var stuck = await _cluster.WaitForAsync("ImagePullBackOff", () =>
            _cluster.Pods().FirstOrDefault(p => p.Status?.ContainerStatuses?[0].State?.Waiting?.Reason == "ImagePullBackOff"));
        var listed = await Kubectl("get", "pods", "-n", "sample-namespace");
        var described = await Kubectl("describe", "pod", stuck.Metadata.Name, "-n", "sample-namespace");
        _cluster.Server.Grant(TestCluster.CrossProjectRepository, "roles/artifactregistry.reader", SandboxServer.MemberOf(SandboxPrincipals.GkeNodes));
        var status = await Kubectl("rollout", "status", "deployment/sample-api", "-n", "sample-namespace", "--timeout=60s");

        Assert.Multiple(() =>
        {
            Assert.That(listed.StandardOutput, Does.Match($@"{stuck.Metadata.Name}\s+0/1\s+(ImagePullBackOff|ErrImagePull)\s+0"));
            Assert.That(described.StandardOutput, Does.Contain("Permission \\\"artifactregistry.repositories.downloadArtifacts\\\" denied on resource"));
            Assert.That(described.StandardOutput, Does.Contain("403 Forbidden"));
            Assert.That(status.StandardOutput, Does.Contain("successfully rolled out"));
        });
    }

    [Test]
    public async Task A_server_side_dry_run_patch_or_replace_is_validated_and_answered_but_changes_nothing()
    {
        var before = _cluster.GetDeployment();
        var newImage = "asia-docker.pkg.dev/cluster-project/apps/sample-api:2.0.0";
        var manifest = Path.Combine(Path.GetTempPath(), $"ar-dry-run-{Guid.NewGuid():N}.json");

        var patched = await Kubectl("patch", "deployment/sample-api", "-n", "sample-namespace", "--dry-run=server", "-o", "jsonpath={.spec.template.spec.containers[0].image}",
            "-p", $"{{\"spec\":{{\"template\":{{\"spec\":{{\"containers\":[{{\"name\":\"sample-api\",\"image\":\"{newImage}\"}}]}}}}}}}}");
        var invalid = await _cluster.KubectlAsync(["patch", "deployment/sample-api", "-n", "sample-namespace", "--dry-run=server", "--type=merge", "-p", "{\"spec\":{\"replicas\":-1}}"]);
        var json = JsonNode.Parse((await Kubectl("get", "deployment/sample-api", "-n", "sample-namespace", "-o", "json")).StandardOutput)!;
        json["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = newImage;
        await File.WriteAllTextAsync(manifest, json.ToJsonString());
        CommandResult replaced;
        try
        {
            // --validate=false: kubectl's own schema check needs the OpenAPI document, which the sandbox does not serve; the server validates.
            replaced = await Kubectl("replace", "--dry-run=server", "--validate=false", "-f", manifest, "-o", "jsonpath={.spec.template.spec.containers[0].image}");
        }
        finally
        {
            File.Delete(manifest);
        }
        var after = _cluster.GetDeployment();

        Assert.Multiple(() =>
        {
            Assert.That(patched.StandardOutput, Is.EqualTo(newImage), "the answer is the object as it would be");
            Assert.That(replaced.StandardOutput, Is.EqualTo(newImage));
            Assert.That(invalid.Succeeded, Is.False, "validated as for real");
            Assert.That(invalid.StandardError, Does.Contain("\"sample-api\" is invalid"));
            Assert.That(after.Metadata.Generation, Is.EqualTo(before.Metadata.Generation), "not stored: no new generation");
            Assert.That(after.Metadata.ResourceVersion, Is.EqualTo(before.Metadata.ResourceVersion));
            Assert.That(after.Spec.Template.Spec.Containers[0].Image, Is.EqualTo(SandboxClusterOptions.SampleImage));
        });
    }

    [Test]
    public async Task The_viewer_is_refused_set_image_with_GKEs_message()
    {
        var refused = await _cluster.KubectlAsync(["set", "image", "deployment/sample-api", "-n", "sample-namespace", "sample-api=asia-docker.pkg.dev/cluster-project/apps/sample-api:2"],
            SandboxPrincipals.Viewer);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Succeeded, Is.False);
            Assert.That(refused.StandardError, Does.Contain(
                "deployments.apps \"sample-api\" is forbidden: User \"viewer@sample-project.iam.gserviceaccount.com\" cannot patch resource \"deployments\" in API group \"apps\" in the namespace \"sample-namespace\": requires one of [\"container.deployments.update\"] permission(s)."));
        });
    }

    private Task<CommandResult> Kubectl(params string[] arguments) => KubectlOk(arguments);

    private async Task<CommandResult> KubectlOk(string[] arguments)
    {
        var result = await _cluster.KubectlAsync(arguments);
        Assert.That(result.Succeeded, Is.True, $"{result}: {result.StandardError}");
        return result;
    }

    private static string[] Lines(CommandResult result) => result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
