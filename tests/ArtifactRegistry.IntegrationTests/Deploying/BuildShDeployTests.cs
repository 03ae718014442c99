using System.Text.RegularExpressions;
using ArtifactRegistry.IntegrationTests.Publishing;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing;
using ArtifactRegistry.Testing.FileSystem;
using CliWrap;
using CliWrap.Buffered;
using k8s;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>
/// The README's first command, as a new user runs it in this repository's root with nothing configured: ./build.sh Deploy,
/// three times: the first deploy; a change to the sample's source (a new digest rolls out); unchanged (nothing new pushed,
/// already running). The sample is a git copy in a temporary folder and the deploy's state another one, so the tracked tree
/// is never touched; no Docker engine answers, so the build starts its own.
/// </summary>
[CancelAfter(1_200_000)]
public class BuildShDeployTests
{
    // ./build.sh first builds build/_build.csproj and everything it references: 30 s on a quiet machine, minutes on a loaded
    // 2-core one. A bound, not a wait.
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(6);
    private static readonly Regex Pushed = new(@"Pushed (?<image>asia-docker\.pkg\.dev/sample-project/sample/sample-api:\S+@sha256:[0-9a-f]{64})");

    [Test]
    public async Task Build_sh_Deploy_deploys_the_sample_then_its_change_then_finds_it_running()
    {
        Prerequisites.RequireProgram("dockerd");
        using var work = TempDirectory.Create("ar-build-sh-deploy-");
        var root = RepositoryRoot.Find();
        using var sample = await SourceTree.CreateAsync(
            File.ReadAllText(Path.Combine(root, "samples", "sample-api", "Dockerfile")),
            new Dictionary<string, string> { ["greeting.txt"] = File.ReadAllText(Path.Combine(root, "samples", "sample-api", "greeting.txt")) });
        string[] deploy = ["Deploy", "--docker-context", sample.Path, "--local-deploy-directory", work.Combine("local-deploy"), "--sandbox-cluster-speed", "Fast"];

        var first = await RunAsync(root, work, deploy);
        sample.Write("greeting.txt", "Hello from the changed sample-api " + Guid.NewGuid());
        await sample.CommitAsync("change the greeting");
        var second = await RunAsync(root, work, deploy);
        var third = await RunAsync(root, work, deploy);

        var (firstImage, secondImage, thirdImage) = (PushedImage(first), PushedImage(second), PushedImage(third));
        Assert.Multiple(() =>
        {
            Assert.That(first, Does.Contain("Docker engine: none answered").And.Contain("a private dockerd runs for this build"));
            Assert.That(first, Does.Contain("GrantReader: granted roles/artifactregistry.reader"));
            Assert.That(first, Does.Contain("rolled out (revision 2)"));
            Assert.That(Digest(secondImage), Is.Not.EqualTo(Digest(firstImage)), "the changed source is a new image");
            Assert.That(second, Does.Contain("rolled out (revision 3)").And.Contain("previous digest : " + Digest(firstImage)));
            Assert.That(Digest(thirdImage), Is.EqualTo(Digest(secondImage)), "the unchanged source builds the same image");
            Assert.That(third, Does.Contain("nothing new (all layers present)").And.Contain("already running this digest"));
            Assert.That(third, Does.Contain("already holds roles/artifactregistry.reader"));
        });
        Assert.That(await DeployedImageAsync(work.Combine("local-deploy", "sandbox"), work), Is.EqualTo(secondImage),
            "what the sandbox's cluster holds after the runs, read by a client of its own");
    }

    private static async Task<string> RunAsync(string root, TempDirectory work, string[] arguments)
    {
        using var timeout = new CancellationTokenSource(RunLimit);
        var result = await Cli.Wrap("bash")
            .WithArguments(["build.sh", .. arguments])
            .WithWorkingDirectory(root)
            .WithEnvironmentVariables(variables => variables
                .Set(NothingConfigured().Select(name => new KeyValuePair<string, string?>(name, null)))
                // No engine answers here, whatever the machine runs: the build must start its own.
                .Set("DOCKER_HOST", "unix://" + work.Combine("no-engine.sock")))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        var output = result.StandardOutput + result.StandardError;
        Assert.That(result.ExitCode, Is.Zero, output);
        return output;
    }

    /// <summary>The variables through which a machine could configure the deploy (NUKE reads parameters from the environment too).</summary>
    private static IEnumerable<string> NothingConfigured() =>
        Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(name =>
            name.StartsWith("DOCKER_", StringComparison.Ordinal) || name.StartsWith("CLOUDSDK_", StringComparison.Ordinal)
            || name.StartsWith("ARTIFACT_REGISTRY_", StringComparison.Ordinal) || name.StartsWith("NUKE_", StringComparison.Ordinal)
            || name is "GOOGLE_APPLICATION_CREDENTIALS" or "KUBECONFIG" or "IMAGE" or "IMAGES" or "WORKLOADS" or "KUBE_NAMESPACE" or "USE_SANDBOX");

    private static string PushedImage(string output)
    {
        var match = Pushed.Match(output);
        Assert.That(match.Success, Is.True, "no pushed image in the output:" + Environment.NewLine + output);
        return match.Groups["image"].Value;
    }

    private static string Digest(string image) => image[(image.IndexOf('@') + 1)..];

    /// <summary>Starts the sandbox again on the state the runs left and reads the deployment's image as its administrator.</summary>
    private static async Task<string> DeployedImageAsync(string state, TempDirectory work)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions().WithStateDirectory(state).WithCluster(SandboxClusterOptions.Default));
        var kubeconfig = await sandbox.WriteKubeconfigAsync(work.Combine("admin-kubeconfig"), SandboxPrincipals.Admin);
        using var admin = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var deployment = await admin.AppsV1.ReadNamespacedDeploymentAsync("sample-api", "sample-namespace");
        return deployment.Spec.Template.Spec.Containers.Single().Image;
    }
}
