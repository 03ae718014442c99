using System.Text.Json.Nodes;
using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Hints;
using ArtifactRegistry.IntegrationTests.Publishing;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Reporting;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.CiFiles;

namespace ArtifactRegistry.IntegrationTests.Reporting;

/// <summary>
/// A real Deploy (docker build and push to the sandbox, the rollout on its cluster) run through <see cref="RunResults"/>, and what
/// CI then reads: the result file against its checked-in schema, GITHUB_OUTPUT parsed as the Actions runner parses it, the job
/// summary's table, and GitLab's dotenv file.
/// </summary>
[CancelAfter(300_000)]
public class DeployResultTests
{
    private const string Image = "asia-docker.pkg.dev/sample-project/sample/sample-api";
    private const string Nodes = "serviceAccount:" + SandboxPrincipals.GkeNodes;

    private PublishWorld _world = null!;
    private SourceTree _source = null!;
    private string _temp = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await PublishWorld.StartAsync(new SandboxOptions().WithCluster(SandboxClusterOptions.Default));
        _source = await SourceTree.ScratchAsync("results " + Guid.NewGuid());
        _temp = Directory.CreateTempSubdirectory("ar-results-").FullName;
    }

    [TearDown]
    public async Task Stop()
    {
        _source.Dispose();
        await _world.DisposeAsync();
        Directory.Delete(_temp, recursive: true);
    }

    [Test]
    public async Task A_deploy_writes_its_image_and_rollout_to_the_result_file_the_step_outputs_the_summary_and_the_dotenv_file()
    {
        _world.Sandbox.Grant("projects/sample-project/locations/asia/repositories/sample", "roles/artifactregistry.reader", Nodes);
        var resultFile = Path.Combine(_temp, "not", "yet", "result.json");
        var outputs = Path.Combine(_temp, "github_output");
        var summary = Path.Combine(_temp, "step_summary.md");
        await File.WriteAllTextAsync(outputs, "earlier=step\n");
        var context = (await ContextAsync())
            .SetResultFile(resultFile)
            .SetResultDotenv(Path.Combine(_temp, "image.env"))
            .SetEnvironmentVariable("GITHUB_OUTPUT", outputs)
            .SetEnvironmentVariable("GITHUB_STEP_SUMMARY", summary);

        var deployed = await RunResults.Open(context).RecordAsync("Deploy", () => Deploy.RunAsync(context, Settings()));

        var pushed = deployed.Pushed.Single();
        var json = await File.ReadAllTextAsync(resultFile);
        Assert.That(ResultSchema.Violations(json), Is.Empty, json);
        var result = JsonNode.Parse(json)!;
        var image = result["images"]![0]!;
        var workload = result["workloads"]![0]!;
        var github = GitHubOutputFile.Parse(await File.ReadAllTextAsync(outputs));
        var rows = MarkdownTable.Rows(await File.ReadAllTextAsync(summary));
        var dotenv = (await File.ReadAllLinesAsync(Path.Combine(_temp, "image.env"))).Select(line => line.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        Assert.Multiple(() =>
        {
            Assert.That(result["outcome"]!.GetValue<string>(), Is.EqualTo("succeeded"));
            Assert.That(result["operations"]!.AsArray().Select(o => o!.GetValue<string>()), Is.EqualTo(new[] { "Deploy" }));
            Assert.That(image["name"]!.GetValue<string>(), Is.EqualTo(Image));
            Assert.That(image["digest"]!.GetValue<string>(), Is.EqualTo(pushed.Digest.ToString()));
            Assert.That(image["reference"]!.GetValue<string>(), Is.EqualTo(pushed.Image.ToString()));
            Assert.That(image["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(pushed.Tags));
            Assert.That(workload["workload"]!.GetValue<string>(), Is.EqualTo("deployment/sample-api"));
            Assert.That(workload["outcome"]!.GetValue<string>(), Is.EqualTo("rolledOut"));
            Assert.That(workload["newDigest"]!.GetValue<string>(), Is.EqualTo(pushed.Digest.ToString()));
            Assert.That(workload["previousImage"]!.GetValue<string>(), Is.EqualTo(SandboxClusterOptions.SampleImage));
            Assert.That(workload["revision"]!.GetValue<string>(), Is.EqualTo("2"));

            Assert.That(github["earlier"], Is.EqualTo("step"), "appended, as the runner expects");
            Assert.That(github["image"], Is.EqualTo(Image));
            Assert.That(github["digest"], Is.EqualTo(pushed.Digest.ToString()));
            Assert.That(github["image-with-digest"], Is.EqualTo($"{Image}@{pushed.Digest}"));
            Assert.That(github["tags"].Split('\n'), Is.EqualTo(pushed.Tags), "one tag a line");
            Assert.That(JsonNode.Parse(github["images"])![0]!["digest"]!.GetValue<string>(), Is.EqualTo(pushed.Digest.ToString()));

            Assert.That(rows[0], Is.EqualTo(new[] { "image", "digest", "tags", "workload", "outcome" }));
            Assert.That(rows[1][0], Is.EqualTo($"[{Image}](https://console.cloud.google.com/artifacts/docker/sample-project/asia/sample/sample-api/{pushed.Digest}?project=sample-project)"));
            Assert.That(rows[1][1], Is.EqualTo($"`{pushed.Digest}`"));
            Assert.That(rows[1][3..], Is.EqualTo(new[] { "deployment/sample-api (sample-namespace)", "rolled out (revision 2)" }));

            Assert.That(dotenv, Is.EqualTo(new Dictionary<string, string>
            {
                ["IMAGE"] = Image,
                ["IMAGE_DIGEST"] = pushed.Digest.ToString(),
                ["IMAGE_TAGS"] = string.Join(',', pushed.Tags),
                ["IMAGE_WITH_DIGEST"] = $"{Image}@{pushed.Digest}",
            }));
        });
    }

    [Test]
    public async Task A_failed_rollout_is_written_too_with_its_kind_its_message_and_the_image_that_was_pushed()
    {
        var resultFile = Path.Combine(_temp, "result.json");
        var context = (await ContextAsync()).SetResultFile(resultFile);

        var error = (await Assert.ThrowsAsync<RolloutFailedException>(() =>
            RunResults.Open(context).RecordAsync("Deploy", () => Deploy.RunAsync(context, Settings()))))!;

        var json = await File.ReadAllTextAsync(resultFile);
        Assert.That(ResultSchema.Violations(json), Is.Empty, json);
        var result = JsonNode.Parse(json)!;
        Assert.Multiple(() =>
        {
            Assert.That(result["outcome"]!.GetValue<string>(), Is.EqualTo("failed"));
            Assert.That(result["failure"]!["kind"]!.GetValue<string>(), Is.EqualTo(nameof(RolloutFailedException)));
            Assert.That(result["failure"]!["message"]!.GetValue<string>(), Is.EqualTo(error.Message).And.Contain("roles/artifactregistry.reader"));
            Assert.That(result["images"]![0]!["digest"]!.GetValue<string>(), Is.EqualTo(error.Deploy!.Pushed.Single().Digest.ToString()), "what was pushed before the rollout failed");
            Assert.That(result["workloads"]![0]!["outcome"]!.GetValue<string>(), Is.EqualTo("failed"));
            Assert.That(result["workloads"]![0]!["failure"]!.GetValue<string>(), Does.Contain("ImagePullBackOff").Or.Contain("denied"));
        });
    }

    [Test]
    public async Task A_deploy_without_workloads_pushes_and_pins_the_digest_in_the_kustomization_and_says_so_in_the_result()
    {
        var overlay = Directory.CreateDirectory(Path.Combine(_temp, "overlay")).FullName;
        var kustomization = Path.Combine(overlay, "kustomization.yaml");
        await File.WriteAllTextAsync(kustomization, "# prod\nkind: Kustomization\nresources:\n- ../base\nimages:\n- name: sample-api\n  newName: " + Image + "\n  newTag: old\n");
        var resultFile = Path.Combine(_temp, "result.json");
        var context = _world.Context(SandboxPrincipals.Deployer).SetResultFile(resultFile);

        var deployed = await RunResults.Open(context).RecordAsync("Deploy", () => Deploy.RunAsync(context, new DeploySettings()
            .AddImage(Image, _source.Path)
            .SetKustomization(overlay)
            .SetBuild(build => build.SetDockerAuthSettings(auth => auth.SetMode(DockerAuthMode.AccessToken)))));

        var digest = deployed.Pushed.Single().Digest.ToString();
        var json = await File.ReadAllTextAsync(resultFile);
        Assert.That(ResultSchema.Violations(json), Is.Empty, json);
        Assert.That(await File.ReadAllTextAsync(kustomization), Is.EqualTo($"# prod\nkind: Kustomization\nresources:\n- ../base\nimages:\n- name: sample-api\n  newName: {Image}\n  digest: {digest}\n"));
        Assert.That(deployed.Rollouts.Single().Workloads, Is.Empty, "no cluster was touched");
        Assert.That(JsonNode.Parse(json)!["kustomizations"]![0]!["digest"]!.GetValue<string>(), Is.EqualTo(digest));
    }

    [Test]
    public async Task A_malformed_kustomization_stops_the_deploy_before_anything_is_built()
    {
        var kustomization = Path.Combine(_temp, "kustomization.yaml");
        await File.WriteAllTextAsync(kustomization, "kind: Kustomization\nimages: [\n");

        await Assert.ThrowsAsync<ArtifactRegistry.GitOps.KustomizationException>(() => Deploy.RunAsync(_world.Context(SandboxPrincipals.Deployer),
            new DeploySettings().AddImage(Image, _source.Path).SetKustomization(kustomization)));

        Assert.That(_world.DockerCommands, Is.Empty);
        Assert.That(await File.ReadAllTextAsync(kustomization), Is.EqualTo("kind: Kustomization\nimages: [\n"));
    }

    [Test]
    public void A_result_path_that_cannot_be_written_is_refused_before_any_operation_starts()
    {
        var aFile = Path.Combine(_temp, "a-file");
        File.WriteAllText(aFile, "not a folder");
        var context = _world.Context().SetResultFile(Path.Combine(aFile, "result.json"));

        var error = Assert.Throws<SettingsException>(() => RunResults.Open(context))!;

        Assert.That(error.Message, Does.StartWith($"The result file {Path.Combine(aFile, "result.json")} cannot be written (")
            .And.EndWith("Give a path in a folder this build may write: SetResultFile(\"artifacts/result.json\")."));
        Assert.That(error.Settings, Is.EqualTo(new[] { SettingNames.ResultFile }));
        Assert.That(_world.Sandbox.Counters.Total, Is.Zero);
    }

    private DeploySettings Settings() => new DeploySettings()
        .AddImage(Image, _source.Path, "deployment/sample-api")
        .SetBuild(build => build.SetDockerAuthSettings(auth => auth.SetMode(DockerAuthMode.AccessToken)).SetPushRetries(4, TimeSpan.FromMilliseconds(50)))
        .SetRollout(rollout => rollout.SetNamespace("sample-namespace").SetRolloutTimeout(TimeSpan.FromMinutes(2)));

    private async Task<OperationContext> ContextAsync() => _world.Context(SandboxPrincipals.Deployer)
        .SetKubeconfig(await _world.Sandbox.WriteKubeconfigAsync(Path.Combine(_temp, "kubeconfig"), SandboxPrincipals.Deployer))
        .SetEnvironmentVariable("KUBECONFIG", null)
        .SetEnvironmentVariable("CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER", _world.Sandbox.ApiEndpoint.ToString())
        .SetEnvironmentVariable("CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER", _world.Sandbox.ApiEndpoint.ToString());
}
