using System.Security.Cryptography;
using System.Text;
using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Hints;
using ArtifactRegistry.IntegrationTests.Publishing;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Testing;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.IntegrationTests.BuildSecrets;

/// <summary>
/// Build secrets for real: a <c>RUN --mount=type=secret</c> step of a build on the private dockerd reads the value, which then is
/// in no <c>docker history</c>, no file of the image, no log line, no argv and no environment but that of the docker CLI
/// that was handed it.
/// </summary>
[CancelAfter(300_000)]
public class BuildSecretTests
{
    private const string SecretVariable = "ARTIFACT_REGISTRY_BUILD_SECRET_1";

    private PublishWorld _world = null!;

    [SetUp]
    public async Task Start() => _world = await PublishWorld.StartAsync();

    [TearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [Test]
    public async Task A_secret_a_RUN_step_reads_is_in_no_history_layer_log_or_process_but_the_environment_of_the_docker_CLI_that_builds()
    {
        var docker = await BuildKitDockerCli.RequireAsync();
        await BusyboxBase.EnsureAsync(_world.Engine);
        var secret = $"npm_{Guid.NewGuid():N}{Guid.NewGuid():N}";
        ProcessTableSnapshot? duringBuild = null;
        await using var gate = new BuildGate($"gate {Guid.NewGuid()}\n", () => duringBuild = ProcessTableSnapshot.Take());
        using var source = await SourceTree.CreateAsync(
            $"FROM {BusyboxBase.Reference}\n" +
            // BuildKit keys a step's cache on its text, not on the secrets it mounts: a step of its own for this test's value.
            $"RUN --mount=type=secret,id=npm_token echo {Guid.NewGuid()} && sha256sum /run/secrets/npm_token | cut -c1-64 > /npm_token.sha256\n" +
            $"ADD {gate.Url} /gate.txt\n",
            new Dictionary<string, string> { ["notes.txt"] = "build secrets " + Guid.NewGuid() });
        var settings = PublishWorld.Settings(source, "secret-app")
            .SetDockerProgram(docker)
            .SetNetwork("none") // the private engine has no bridge network for RUN steps
            .AddBuildSecret("npm_token", secret);

        var result = await BuildAndPush.RunAsync(_world.Context(), settings);

        // Built with the CLI's own BuildKit, chosen by Auto because the build has a secret, and pushed.
        Assert.That(await _world.RestTagDigestAsync("secret-app", result.Tags[0]), Is.EqualTo(result.Digest));
        var build = _world.Runner.Runs.Select(run => run.Command).Single(command => command.Arguments.FirstOrDefault()?.Value == "build");
        Assert.That(build.Program, Is.EqualTo(docker));
        Assert.That(build.Arguments.Select(a => a.Value), Does.Contain("--progress=plain").And.Contain($"id=npm_token,env={SecretVariable}"));
        Assert.That(build.Environment.Single(v => v.Name == "DOCKER_BUILDKIT").Value, Is.EqualTo("1"));

        // The step read the value: the image holds its hash.
        using var work = TempDirectory.Create("ard-save-");
        var archivePath = work.Combine("image.tar");
        (await _world.Engine.DockerAsync("save", "--output", archivePath, result.ImageId)).EnsureSuccess();
        var archive = ImageArchive.Read(archivePath);
        Assert.That(archive.LayerFileText("npm_token.sha256")?.Trim(), Is.EqualTo(Sha256(secret)), "the RUN step saw the secret's value");

        // Not in the image: no file of the saved image (config with its history, every layer's every file) holds it.
        Assert.That(archive.Files, Has.Count.GreaterThan(5), "the archive was read, layers included");
        Assert.That(archive.FilesContaining(secret), Is.Empty);
        var history = (await _world.Engine.DockerAsync("history", "--no-trunc", result.ImageId)).EnsureSuccess().StandardOutput;
        Assert.That(history, Does.Contain("npm_token.sha256"), "the history of this image was read");
        Assert.That(history, Does.Not.Contain(secret));

        // Not in the log: steps at Information as BuildKit announced them, docker's lines, the command with its environment.
        var log = _world.Log.Text;
        Assert.That(log, Does.Contain("built-in BuildKit builder"));
        Assert.That(log, Does.Contain("docker build step 2/3: RUN --mount=type=secret,id=npm_token"), "BuildKit's plain progress gives one line per step");
        Assert.That(log, Does.Not.Contain(secret));

        // Not in any process but docker's own environment, read while the build waited for the gate's file.
        Assert.That(gate.Failure, Is.Null);
        Assert.That(duringBuild, Is.Not.Null, "the engine fetched the gate's file during the build");
        // This test's build by its context folder: another suite on the machine may be building with the same secret id.
        var dockerBuild = duringBuild!.Processes
            .Where(process => process.Arguments.Contains($"id=npm_token,env={SecretVariable}") && process.Arguments.Contains(settings.ResolveContextDirectory()))
            .ToList();
        Assert.That(dockerBuild, Has.Count.EqualTo(1), "the docker build process was running when the table was read");
        Assert.That(dockerBuild[0].Environment, Does.Contain($"{SecretVariable}={secret}"), "docker itself was handed the value, in its environment");
        Assert.That(duringBuild.Processes.Where(process => process.Arguments.Any(argument => argument.Contains(secret))).Select(process => process.ProcessId),
            Is.Empty, "no process has the value in its argv");
        var others = duringBuild.Processes.Where(process => process.ProcessId != dockerBuild[0].ProcessId && process.Environment is not null).ToList();
        Assert.That(others, Has.Count.GreaterThan(3), "other processes' environments were read (dockerd's and this test's among them)");
        Assert.That(others.Where(process => process.Environment!.Any(variable => variable.Contains(secret))).Select(process => process.ProcessId),
            Is.Empty, "no other process has the value in its environment");
    }

    [Test]
    public async Task A_failing_step_that_prints_the_secret_is_reported_with_its_output_and_the_value_masked()
    {
        var docker = await BuildKitDockerCli.RequireAsync();
        await BusyboxBase.EnsureAsync(_world.Engine);
        var secret = $"npm_{Guid.NewGuid():N}";
        using var source = await SourceTree.CreateAsync(
            $"FROM {BusyboxBase.Reference}\nRUN --mount=type=secret,id=npm_token echo {Guid.NewGuid()} && echo \"token is $(cat /run/secrets/npm_token)\" && exit 3\n",
            new Dictionary<string, string>());
        var settings = PublishWorld.Settings(source, "failing-secret-app").SetDockerProgram(docker).SetNetwork("none").AddBuildSecret("npm_token", secret);

        var exception = await Assert.ThrowsAsync<DockerBuildFailedException>(() => BuildAndPush.RunAsync(_world.Context(), settings));

        TestContext.Out.WriteLine(exception!.Message);
        Assert.That(exception.FailedStep, Does.StartWith("step 2/2: RUN --mount=type=secret,id=npm_token"));
        Assert.That(exception.ErrorLines, Does.Contain("token is [REDACTED]"), "the step's own output, the value masked");
        Assert.That(exception.ErrorLines[^1], Does.Contain("exit code: 3"));
        Assert.That(exception.Message, Does.Not.Contain(secret));
        Assert.That(_world.Log.Text, Does.Contain("token is [REDACTED]").And.Not.Contain(secret));
        Assert.That(_world.DockerCommands, Does.Not.Contain("docker push"));
    }

    [Test]
    public async Task A_docker_CLI_with_the_legacy_builder_only_refuses_a_build_with_secrets_before_building()
    {
        var docker = Prerequisites.RequireProgram("docker");
        var version = await BuildKitDockerCli.ClientVersionAsync(docker);
        if (DockerCliVersion.HasBuiltInBuildKit(version) || (await _world.Engine.DockerAsync("buildx", "version")).ExitCode == 0)
            Assert.Ignore($"The docker on PATH ({docker} {version}) has a BuildKit builder, so the refusal cannot be observed with it.");
        var secret = $"npm_{Guid.NewGuid():N}";
        using var source = await SourceTree.CreateAsync(
            $"FROM {BusyboxBase.Reference}\nRUN --mount=type=secret,id=npm_token cat /run/secrets/npm_token > /leak\n", new Dictionary<string, string>());

        var exception = await Assert.ThrowsAsync<BuildKitUnavailableException>(() =>
            BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(source, "refused-app").SetDockerProgram(docker).AddBuildSecret("npm_token", secret)));

        Assert.That(exception!.Message, Does.StartWith("The build has build secrets (npm_token), which only a BuildKit builder can mount"));
        Assert.That(exception.Message, Does.Contain("docker-buildx-plugin").And.Contain("SetDockerProgram(\"/usr/bin/docker\")"));
        Assert.That(exception.Message, Does.Not.Contain(secret));
        Assert.That(_world.DockerCommands, Does.Not.Contain("docker build"), "refused before any build");
        Assert.That(_world.DockerCommands, Does.Not.Contain("docker push"));
        Assert.That(_world.Log.Text, Does.Not.Contain(secret));
    }

    [Test]
    public async Task A_secret_read_from_a_variable_the_build_environment_lacks_is_refused_naming_it_before_any_program_runs()
    {
        var variable = $"ARD_UNSET_{Guid.NewGuid():N}".ToUpperInvariant();
        using var source = await SourceTree.ScratchAsync("unset " + Guid.NewGuid());

        var exception = await Assert.ThrowsAsync<SettingsException>(() =>
            BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(source, "unset-app").AddBuildSecretFromEnvironment("npm_token", variable)));

        Assert.That(exception!.Message, Does.StartWith($"Build secret 'npm_token' is read from the environment variable {variable}, which is not set"));
        Assert.That(exception.Settings, Is.EqualTo(new[] { SettingNames.BuildSecrets }));
        Assert.That(_world.Runner.Count, Is.Zero, "not even git or docker ran");
    }

    [Test]
    public async Task A_secret_read_from_the_build_environment_reaches_the_RUN_step()
    {
        var docker = await BuildKitDockerCli.RequireAsync();
        await BusyboxBase.EnsureAsync(_world.Engine);
        var secret = $"tok_{Guid.NewGuid():N}";
        var variable = $"ARD_NPM_TOKEN_{Guid.NewGuid():N}".ToUpperInvariant();
        using var source = await SourceTree.CreateAsync(
            $"FROM {BusyboxBase.Reference}\nRUN --mount=type=secret,id=npm_token echo {Guid.NewGuid()} && sha256sum /run/secrets/npm_token | cut -c1-64 > /npm_token.sha256\n",
            new Dictionary<string, string> { ["notes.txt"] = "env " + Guid.NewGuid() });
        var settings = PublishWorld.Settings(source, "env-secret-app").SetDockerProgram(docker).SetNetwork("none")
            .AddBuildSecretFromEnvironment("npm_token", variable);

        var result = await BuildAndPush.RunAsync(_world.Context().SetEnvironmentVariable(variable, secret), settings);

        using var work = TempDirectory.Create("ard-save-");
        (await _world.Engine.DockerAsync("save", "--output", work.Combine("image.tar"), result.ImageId)).EnsureSuccess();
        var archive = ImageArchive.Read(work.Combine("image.tar"));
        Assert.That(archive.LayerFileText("npm_token.sha256")?.Trim(), Is.EqualTo(Sha256(secret)));
        Assert.That(archive.FilesContaining(secret), Is.Empty);
        Assert.That(_world.Log.Text, Does.Not.Contain(secret));
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
