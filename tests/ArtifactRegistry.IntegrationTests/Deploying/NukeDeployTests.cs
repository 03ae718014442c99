using System.Text.RegularExpressions;
using ArtifactRegistry.IntegrationTests.BuildProcesses;
using ArtifactRegistry.IntegrationTests.Publishing;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.CiFiles;
using k8s;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>
/// A user's build that is only <c>class Build : NukeBuild, IArtifactRegistryDeploy</c>, run as its own process with the
/// sandbox's env file in its environment (as after <c>source sandbox.env</c>): <c>./build.sh Deploy</c> with parameters only.
/// </summary>
[CancelAfter(300_000)]
public class NukeDeployTests
{
    private const string Image = "asia-docker.pkg.dev/sample-project/sample/sample-api";

    private PublishWorld _world = null!;
    private SourceTree _source = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await PublishWorld.StartAsync(new SandboxOptions().WithCluster(SandboxClusterOptions.Default));
        _source = await SourceTree.CreateAsync("FROM scratch\nCOPY payload.txt /payload.txt\n", new Dictionary<string, string>
        {
            ["payload.txt"] = "nuke deploy " + Guid.NewGuid(),
            [".gitignore"] = ".nuke/temp/\n",
            [".nuke/parameters.json"] = "{}",
        });
        await _world.Sandbox.WriteEnvFileAsync(Path.Combine(_source.Path, ".nuke", "temp", "sandbox.env"), Path.Combine(_source.Path, ".nuke", "temp", "sandbox-keys"));
        _world.Sandbox.Grant("projects/sample-project/locations/asia/repositories/sample", "roles/artifactregistry.reader", "serviceAccount:" + SandboxPrincipals.GkeNodes);
    }

    [TearDown]
    public async Task Stop()
    {
        _source.Dispose();
        await _world.DisposeAsync();
    }

    [Test]
    public async Task Deploy_with_parameters_only_pushes_and_rolls_the_digest_out_and_a_rerun_finds_it_running()
    {
        string[] arguments =
        [
            "Deploy", "--image", Image, "--workloads", "deployment/sample-api", "--kube-namespace", "sample-namespace",
            "--docker-auth-mode", "AccessToken", "--rollout-timeout", "2m",
        ];

        var (exitCode, output) = await RunBuildAsync(arguments);
        var (againExitCode, againOutput) = await RunBuildAsync(arguments);

        Assert.That(exitCode, Is.Zero, output);
        var digest = Regex.Match(output, @"Pushed (?<image>\S+@sha256:[0-9a-f]{64})");
        Assert.That(digest.Success, Is.True, output);
        Assert.That(output, Does.Contain("rolled out (revision 2)"));
        Assert.That(await PodImagesAsync(), Is.EqualTo(new[] { digest.Groups["image"].Value }));
        Assert.That(againExitCode, Is.Zero, againOutput);
        Assert.That(againOutput, Does.Contain("nothing new (all layers present)").And.Contain("already running this digest"));
    }

    [Test]
    public async Task Deploy_writes_the_result_file_and_the_step_outputs_a_later_CI_step_reads()
    {
        var resultFile = Path.Combine(_source.Path, ".nuke", "temp", "out", "result.json");
        var outputs = Path.Combine(_source.Path, ".nuke", "temp", "github_output");
        await File.WriteAllTextAsync(outputs, "");

        var (exitCode, output) = await RunBuildAsync(
            ["Deploy", "--image", Image, "--workloads", "deployment/sample-api", "--kube-namespace", "sample-namespace", "--docker-auth-mode", "AccessToken",
             "--rollout-timeout", "2m", "--result-file", resultFile],
            ("GITHUB_OUTPUT", outputs));

        Assert.That(exitCode, Is.Zero, output);
        var json = await File.ReadAllTextAsync(resultFile);
        Assert.That(ResultSchema.Violations(json), Is.Empty, json);
        var digest = System.Text.Json.Nodes.JsonNode.Parse(json)!["images"]![0]!["digest"]!.GetValue<string>();
        Assert.That(GitHubOutputFile.Parse(await File.ReadAllTextAsync(outputs))["digest"], Is.EqualTo(digest));
        Assert.That(await PodImagesAsync(), Has.All.EndWith("@" + digest));
    }

    [Test]
    public async Task Deploy_dry_run_prints_the_plan_builds_nothing_and_leaves_the_cluster_as_it_was()
    {
        var (exitCode, output) = await RunBuildAsync(
            ["Deploy", "--image", Image, "--workloads", "deployment/sample-api", "--kube-namespace", "sample-namespace", "--docker-auth-mode", "AccessToken",
             "--rollback-on-failure", "--dry-run"]);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Match($@"deployment/sample-api: container sample-api {Regex.Escape(SandboxClusterOptions.SampleImage)} → {Regex.Escape(Image)}:[0-9a-f]+@<digest of the next build> \(dry run: the API server accepted the patch; nothing was changed\)"));
        Assert.That(output, Does.Not.Contain("docker build").And.Not.Contain("Pushed "));
        Assert.That(await PodImagesAsync(), Is.EqualTo(new[] { SandboxClusterOptions.SampleImage }));
    }

    [Test]
    public async Task A_result_file_that_cannot_be_written_fails_the_deploy_before_anything_is_built()
    {
        var notAFolder = Path.Combine(_source.Path, "payload.txt");

        var (exitCode, output) = await RunBuildAsync(
            ["Deploy", "--image", Image, "--workloads", "deployment/sample-api", "--kube-namespace", "sample-namespace", "--result-file", Path.Combine(notAFolder, "result.json")]);

        Assert.That(exitCode, Is.Not.Zero, output);
        Assert.That(output, Does.Contain($"The result file {Path.Combine(notAFolder, "result.json")} cannot be written")
            .And.Contain("--result-file artifacts/result.json or SetResultFile(…)"));
        Assert.That(output, Does.Not.Contain("docker build"));
        Assert.That(_world.Sandbox.Counters.Total, Is.Zero, "nothing was asked of the registry or the cluster");
    }

    [Test]
    public async Task GrantReader_as_an_administrator_grants_once_and_as_the_deployer_names_the_command_for_an_administrator()
    {
        var adminKey = _world.Sandbox.WriteServiceAccountKey(SandboxPrincipals.Admin, Path.Combine(_source.Path, ".nuke", "temp", "admin-key"));
        string[] grant = ["GrantReader", "--image", Image, "--reader-member", "serviceAccount:reader-test@cluster-project.iam.gserviceaccount.com"];

        var (deniedExit, denied) = await RunBuildAsync(grant);
        var (firstExit, first) = await RunBuildAsync(grant, ("GOOGLE_APPLICATION_CREDENTIALS", adminKey));
        var (againExit, again) = await RunBuildAsync(grant, ("GOOGLE_APPLICATION_CREDENTIALS", adminKey));

        Assert.That(deniedExit, Is.Not.Zero, denied);
        Assert.That(denied, Does.Contain(SandboxPrincipals.Deployer));
        Testing.FailureOutput.AssertMessageBeforeStackTrace(denied, "gcloud artifacts repositories add-iam-policy-binding sample --location=asia --project=sample-project " +
            "--member=serviceAccount:reader-test@cluster-project.iam.gserviceaccount.com --role=roles/artifactregistry.reader");
        Assert.That(firstExit, Is.Zero, first);
        Assert.That(first, Does.Contain("granted roles/artifactregistry.reader"));
        Assert.That(againExit, Is.Zero, again);
        Assert.That(again, Does.Contain("already granted, policy unchanged"));
    }

    [Test]
    public async Task Help_lists_every_target_and_parameter_once()
    {
        var (exitCode, output) = await RunBuildAsync(["--help"]);

        Assert.That(exitCode, Is.Zero, output);
        foreach (var target in new[] { "EnsureDockerAuth", "BuildAndPush", "SetImage", "PruneUntagged", "Tag", "GrantReader", "Deploy" })
            Assert.That(output, Does.Match($@"(?m)^\s*{target}\b"), target);
        foreach (var parameter in new[] { "--image", "--image-tags", "--docker-context", "--dockerfile", "--workloads", "--kube-context", "--kube-namespace",
                     "--container", "--rollout-timeout", "--rollback-on-failure", "--docker-auth-mode", "--prune-older-than", "--dry-run", "--reader-member" })
            Assert.That(Regex.Matches(output, $@"(?m)^\s+{Regex.Escape(parameter)}\s").Count, Is.EqualTo(1), parameter);
    }

    private Task<(int ExitCode, string Output)> RunBuildAsync(string[] arguments, params (string Name, string Value)[] overrides) =>
        TestBuildProcess.RunAsync("DeployBuild", _source.Path,
            inherited: name => !name.StartsWith("CLOUDSDK_", StringComparison.Ordinal) && !name.StartsWith("DOCKER_", StringComparison.Ordinal)
                               && !name.StartsWith("ARTIFACT_REGISTRY_", StringComparison.Ordinal) && name is not ("GOOGLE_APPLICATION_CREDENTIALS" or "KUBECONFIG"),
            BuildEnvironment(overrides),
            arguments);

    private Dictionary<string, string> BuildEnvironment((string Name, string Value)[] overrides)
    {
        var variables = new Dictionary<string, string>(SandboxVariables())
        {
            ["DOCKER_HOST"] = _world.Engine.DockerHost,
            ["DOCKER_CONFIG"] = _world.DockerConfigDirectory,
            ["HOME"] = _world.Home,
            ["GCE_METADATA_HOST"] = "127.0.0.1:9",
        };
        foreach (var (name, value) in overrides)
            variables[name] = value;
        return variables;
    }

    /// <summary>What <c>source sandbox.env</c> would export: its <c>export NAME='value'</c> lines.</summary>
    private Dictionary<string, string> SandboxVariables() =>
        File.ReadAllLines(Path.Combine(_source.Path, ".nuke", "temp", "sandbox.env"))
            .Where(line => line.StartsWith("export ", StringComparison.Ordinal))
            .Select(line => line["export ".Length..].Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim('\''), StringComparer.Ordinal);

    private async Task<IReadOnlyList<string>> PodImagesAsync()
    {
        var kubeconfig = await _world.Sandbox.WriteKubeconfigAsync(Path.Combine(_world.Home, "admin-kubeconfig"), SandboxPrincipals.Admin);
        using var admin = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var pods = await admin.CoreV1.ListNamespacedPodAsync("sample-namespace", labelSelector: "app=sample-api");
        return pods.Items.Where(pod => pod.Metadata.DeletionTimestamp is null).Select(pod => pod.Spec.Containers.Single().Image).Distinct().ToList();
    }
}
