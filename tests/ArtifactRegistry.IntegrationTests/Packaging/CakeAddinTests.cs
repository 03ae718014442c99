using System.Text.Json;
using System.Text.RegularExpressions;
using ArtifactRegistry.IntegrationTests.Publishing;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.FileSystem;
using CliWrap;
using CliWrap.Buffered;
using k8s;

namespace ArtifactRegistry.IntegrationTests.Packaging;

/// <summary>
/// The Cake addin as a Cake user gets it: packed as the Pack target packs it, loaded by a <c>build.cake</c> with
/// <c>#addin nuget:</c> from a folder feed, run by the real <c>dotnet cake</c> (cake.tool 7.0.0, installed into the test's own
/// folder) against the sandbox: a fresh deploy (its result file and GitHub outputs read back), a changed sample (a new digest
/// rolls out), an unchanged rerun (already running), a dry run of another change (the deployment untouched); a reference
/// without its REPOSITORY segment and a missing workload fail the Cake task with the library's message, the latter
/// naming the script argument that fixes it.
/// </summary>
[CancelAfter(900_000)]
public class CakeAddinTests
{
    private const string Image = "asia-docker.pkg.dev/sample-project/sample/cake-api";
    private const string CakeVersion = "7.0.0";
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(6);
    private static readonly Regex Pushed = new(@"Pushed (?<image>asia-docker\.pkg\.dev/sample-project/sample/cake-api:\S+@sha256:[0-9a-f]{64})");

    private static readonly Regex AnsiEscape = new(@"\x1b\[[0-9;]*m");

    private PublishWorld _world = null!;
    private TempDirectory _work = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await PublishWorld.StartAsync(new SandboxOptions().WithCluster(SandboxClusterOptions.Default));
        _world.Sandbox.Grant("projects/sample-project/locations/asia/repositories/sample", "roles/artifactregistry.reader", "serviceAccount:" + SandboxPrincipals.GkeNodes);
        _work = TempDirectory.Create("ar-cake-");
    }

    [TearDown]
    public async Task Stop()
    {
        await _world.DisposeAsync();
        _work.Dispose();
    }

    [Test]
    public async Task A_build_cake_deploys_with_the_packed_addin_then_the_change_then_finds_it_running_dry_runs_another_and_fails_a_bad_reference_and_a_missing_workload_with_their_explanations()
    {
        var feed = await PackAsync();
        var cake = await InstallCakeAsync();
        using var source = await SourceTree.CreateAsync("FROM scratch\nCOPY payload.txt /payload.txt\n", new Dictionary<string, string>
        {
            ["payload.txt"] = "cake deploy " + Guid.NewGuid(),
            [".gitignore"] = "tools/\n",
            ["build.cake"] = BuildCake(feed),
        });

        string[] deploy = ["--image=" + Image, "--workloads=deployment/sample-api", "--kube-namespace=sample-namespace", "--docker-auth-mode=AccessToken"];
        // A result folder that does not exist yet: the addin creates it.
        var resultFile = _work.Combine("results/first/result.json");
        var github = new Dictionary<string, string?> { ["GITHUB_OUTPUT"] = _work.Combine("github-output"), ["GITHUB_STEP_SUMMARY"] = _work.Combine("github-summary") };
        var first = await RunCakeAsync(cake, source.Path, [.. deploy, "--result-file=" + resultFile], github);
        source.Write("payload.txt", "cake deploy, changed " + Guid.NewGuid());
        await source.CommitAsync("change the payload");
        var second = await RunCakeAsync(cake, source.Path, deploy);
        var third = await RunCakeAsync(cake, source.Path, deploy);
        source.Write("payload.txt", "cake deploy, previewed only " + Guid.NewGuid());
        await source.CommitAsync("change the payload again");
        var generation = await GenerationAsync();
        var dryRun = await RunCakeAsync(cake, source.Path, [.. deploy, "--dry-run"]);
        var generationAfterDryRun = await GenerationAsync();
        var bad = await RunCakeAsync(cake, source.Path, ["--image=asia-docker.pkg.dev/sample-project/cake-api", .. deploy[1..]]);
        var noWorkload = await RunCakeAsync(cake, source.Path, ["--image=" + Image, "--kube-namespace=sample-namespace"]);

        var (firstImage, secondImage, thirdImage) = (PushedImage(first.Output), PushedImage(second.Output), PushedImage(third.Output));
        using var result = JsonDocument.Parse(File.ReadAllText(resultFile));
        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Output);
            var root = result.RootElement;
            Assert.That(root.GetProperty("operations").EnumerateArray().Select(operation => operation.GetString()), Is.EqualTo(new[] { "EnsureDockerAuth", "Deploy" }),
                "one result for the script run, with every alias it ran");
            Assert.That(root.GetProperty("images")[0].GetProperty("digest").GetString(), Is.EqualTo(Digest(firstImage)));
            var workload = root.GetProperty("workloads")[0];
            Assert.That((workload.GetProperty("workload").GetString(), workload.GetProperty("outcome").GetString(), workload.GetProperty("newDigest").GetString()),
                Is.EqualTo(("deployment/sample-api", "rolledOut", Digest(firstImage))));
            Assert.That(File.ReadAllLines(github["GITHUB_OUTPUT"]!), Does.Contain("digest=" + Digest(firstImage)));
            Assert.That(File.ReadAllText(github["GITHUB_STEP_SUMMARY"]!), Does.Contain("rolled out (revision 2)"));
            Assert.That(first.Output, Does.Contain("rolled out (revision 2)"));
            Assert.That(Regex.Matches(first.Output, "EnsureDockerAuth: docker logged in to").Count, Is.EqualTo(1),
                "EnsureDockerAuth's session is the one Deploy uses, not a second login:" + Environment.NewLine + first.Output);
            Assert.That(second.ExitCode, Is.Zero, second.Output);
            Assert.That(Digest(secondImage), Is.Not.EqualTo(Digest(firstImage)), "the changed source is a new image");
            Assert.That(second.Output, Does.Contain("rolled out (revision 3)"));
            Assert.That(third.ExitCode, Is.Zero, third.Output);
            Assert.That(Digest(thirdImage), Is.EqualTo(Digest(secondImage)), "the unchanged source builds the same image");
            Assert.That(third.Output, Does.Contain("nothing new (all layers present)").And.Contain("already running this digest"));
            Assert.That(dryRun.ExitCode, Is.Zero, dryRun.Output);
            Assert.That(dryRun.Output, Does.Contain("@<digest of the next build>").And.Contain("not built (dry run)"));
            Assert.That(generationAfterDryRun, Is.EqualTo(generation), "a dry run patches with dryRun=All: the deployment is not changed");
            Assert.That(bad.ExitCode, Is.Not.Zero, bad.Output);
            Assert.That(bad.Output, Does.Contain("An error occurred when executing task 'Deploy'")
                .And.Contain("'asia-docker.pkg.dev/sample-project/cake-api' is not a valid Artifact Registry image reference: the REPOSITORY segment is missing"));
            Assert.That(noWorkload.ExitCode, Is.Not.Zero, noWorkload.Output);
            Assert.That(noWorkload.Output, Does.Contain($"Deploy has no workload for {Image}, so it would push an image nothing runs: " +
                "name the ones that run it (--workloads=deployment/cake-api or SetWorkloads(…))"), "the core's setting, named as this script's argument");
        });
        Assert.That(await PodImagesAsync(), Is.EqualTo(new[] { secondImage }), "what the cluster runs, read by a client of its own");
    }

    [Test]
    public async Task A_stop_signal_stops_the_running_alias_and_fails_its_task_instead_of_leaving_docker_behind()
    {
        await BusyboxBase.EnsureAsync(_world.Engine);
        var feed = await PackAsync();
        var cake = await InstallCakeAsync();
        // A build step that would outlast the test's limit: only a stopped operation lets dotnet cake end in time.
        using var source = await SourceTree.CreateAsync($"FROM {BusyboxBase.Reference}\nRUN echo long-step-started && sleep 3600\n", new Dictionary<string, string>
        {
            [".gitignore"] = "tools/\n",
            ["build.cake"] = $$"""
                #addin nuget:file://{{feed}}?package=ArtifactRegistry.Cake&version=0.1.0

                Task("Push").Does(() => BuildAndPush());

                RunTarget("Push");
                """,
        });

        var stopped = await RunCakeUntilAsync(cake, source.Path, ["--image=" + Image, "--docker-auth-mode=AccessToken", "--verbosity=verbose"], "long-step-started");

        Assert.That(stopped.ExitCode, Is.Not.Zero, stopped.Output);
        Assert.That(stopped.Output, Does.Contain("An error occurred when executing task 'Push'")
            .And.Contain("BuildAndPush was stopped by SIGTERM: the programs it started were ended, and the script stops here."));
    }

    /// <summary>
    /// The seed script as a Cake user writes it: what to deploy from the command line (the aliases read the arguments), one
    /// setting in code. EnsureDockerAuth runs first, on its own, as a script that checks access before anything else would.
    /// </summary>
    private static string BuildCake(string feed) => $$"""
        #addin nuget:file://{{feed}}?package=ArtifactRegistry.Cake&version=0.1.0

        Task("Deploy").Does(() =>
        {
            EnsureDockerAuth();
            Deploy(s => s.SetRollout(r => r.SetRolloutTimeout("2m")));
        });

        RunTarget("Deploy");
        """;

    /// <summary>The addin packed as the Pack target packs it (its build is this test's), the library and its dependencies inside.</summary>
    private async Task<string> PackAsync()
    {
        var root = RepositoryRoot.Find();
        var feed = _work.Combine("feed");
        await RunAsync(root, DotNet, ["pack", Path.Combine(root, "source/ArtifactRegistry.Cake/ArtifactRegistry.Cake.csproj"), "--no-build",
            "--configuration", Configuration(), "--output", feed, "-nodeReuse:false"]);
        return feed;
    }

    private async Task<string> InstallCakeAsync()
    {
        var tools = _work.Combine("cake-tool");
        await RunAsync(_work.Path, DotNet, ["tool", "install", "cake.tool", "--version", CakeVersion, "--tool-path", tools]);
        return Path.Combine(tools, "dotnet-cake");
    }

    /// <summary><c>dotnet cake</c> in the script's folder with the sandbox's environment (as after <c>source sandbox.env</c>).</summary>
    private async Task<(int ExitCode, string Output)> RunCakeAsync(string cake, string directory, string[] arguments, IReadOnlyDictionary<string, string?>? more = null)
    {
        using var timeout = new CancellationTokenSource(CommandLimit);
        var environment = await CakeEnvironmentAsync(directory);
        foreach (var (name, value) in more ?? new Dictionary<string, string?>())
            environment[name] = value;
        var result = await Cli.Wrap(cake)
            .WithArguments(["build.cake", .. arguments])
            .WithWorkingDirectory(directory)
            .WithEnvironmentVariables(environment)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        // Cake colours its lines even when they are redirected; the assertions read the text.
        return (result.ExitCode, AnsiEscape.Replace(result.StandardOutput + result.StandardError, ""));
    }

    /// <summary>
    /// <c>dotnet cake</c> as <see cref="RunCakeAsync"/>, sent SIGTERM (what CI runners send to cancel a job; the addin treats
    /// it as Ctrl+C) once <paramref name="line"/> appears in its output; returns when it has exited. Not SIGINT: a shell that
    /// starts a job in the background makes it ignore SIGINT, and .NET keeps an inherited ignore, so the test would hang.
    /// </summary>
    private async Task<(int ExitCode, string Output)> RunCakeUntilAsync(string cake, string directory, string[] arguments, string line)
    {
        using var timeout = new CancellationTokenSource(CommandLimit);
        var output = new System.Text.StringBuilder();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = PipeTarget.ToDelegate(text =>
        {
            lock (output)
                output.AppendLine(text);
            if (text.Contains(line, StringComparison.Ordinal))
                seen.TrySetResult();
        });
        var run = Cli.Wrap(cake)
            .WithArguments(["build.cake", .. arguments])
            .WithWorkingDirectory(directory)
            .WithEnvironmentVariables(await CakeEnvironmentAsync(directory))
            .WithStandardOutputPipe(lines)
            .WithStandardErrorPipe(lines)
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(timeout.Token);
        var first = await Task.WhenAny(seen.Task, run.Task);
        if (first == seen.Task)
            Assert.That(kill(run.ProcessId, SignalTerminate), Is.Zero, "kill -TERM " + run.ProcessId);
        var result = await run;
        lock (output)
            return (result.ExitCode, AnsiEscape.Replace(output.ToString(), ""));
    }

    private const int SignalTerminate = 15;

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private async Task<Dictionary<string, string?>> CakeEnvironmentAsync(string directory)
    {
        var envFile = Path.Combine(_work.Path, "sandbox.env");
        if (!File.Exists(envFile))
            await _world.Sandbox.WriteEnvFileAsync(envFile, _work.Combine("sandbox-keys"));
        var variables = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("CLOUDSDK_", StringComparison.Ordinal) || name.StartsWith("DOCKER_", StringComparison.Ordinal)
                           || name.StartsWith("ARTIFACT_REGISTRY_", StringComparison.Ordinal)
                           // A CI runner's own step files are not the script's: only the run that sets them writes them.
                           || name is "GOOGLE_APPLICATION_CREDENTIALS" or "KUBECONFIG" or "GITHUB_OUTPUT" or "GITHUB_STEP_SUMMARY")
            .ToDictionary(name => name, _ => (string?)null, StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(envFile).Where(line => line.StartsWith("export ", StringComparison.Ordinal)))
        {
            var pair = line["export ".Length..].Split('=', 2);
            variables[pair[0]] = pair[1].Trim('\'');
        }
        variables["DOCKER_HOST"] = _world.Engine.DockerHost;
        variables["DOCKER_CONFIG"] = _world.DockerConfigDirectory;
        variables["HOME"] = _world.Home;
        variables["GCE_METADATA_HOST"] = "127.0.0.1:9";
        variables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        variables["DOTNET_NOLOGO"] = "1";
        return variables;
    }

    private async Task RunAsync(string directory, string program, string[] arguments)
    {
        using var timeout = new CancellationTokenSource(CommandLimit);
        var result = await Cli.Wrap(program)
            .WithArguments(arguments)
            .WithWorkingDirectory(directory)
            .WithEnvironmentVariables(variables => variables
                .Set("HOME", _world.Home).Set("DOTNET_CLI_TELEMETRY_OPTOUT", "1").Set("DOTNET_NOLOGO", "1"))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        Assert.That(result.ExitCode, Is.Zero, $"{program} {string.Join(' ', arguments)}:{Environment.NewLine}{result.StandardOutput}{result.StandardError}");
    }

    private static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static string PushedImage(string output)
    {
        var match = Pushed.Match(output);
        Assert.That(match.Success, Is.True, "no pushed image in the output:" + Environment.NewLine + output);
        return match.Groups["image"].Value;
    }

    private static string Digest(string image) => image[(image.IndexOf('@') + 1)..];

    private async Task<IReadOnlyList<string>> PodImagesAsync()
    {
        using var admin = await AdminAsync();
        var pods = await admin.CoreV1.ListNamespacedPodAsync("sample-namespace", labelSelector: "app=sample-api");
        return pods.Items.Where(pod => pod.Metadata.DeletionTimestamp is null).Select(pod => pod.Spec.Containers.Single().Image).Distinct().ToList();
    }

    private async Task<long?> GenerationAsync()
    {
        using var admin = await AdminAsync();
        return (await admin.AppsV1.ReadNamespacedDeploymentAsync("sample-api", "sample-namespace")).Metadata.Generation;
    }

    /// <summary>A client of the test's own, as the cluster's admin.</summary>
    private async Task<k8s.Kubernetes> AdminAsync()
    {
        var kubeconfig = await _world.Sandbox.WriteKubeconfigAsync(Path.Combine(_world.Home, "admin-kubeconfig"), SandboxPrincipals.Admin);
        return new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
    }

    /// <summary>The configuration this test assembly was built in, which the packed assemblies were built in too.</summary>
    private static string Configuration() =>
        new DirectoryInfo(TestContext.CurrentContext.TestDirectory).Parent!.Name;
}
