using ArtifactRegistry.Configuration;
using ArtifactRegistry.Access;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Context;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Processes;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.References;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.Docker;

namespace ArtifactRegistry.IntegrationTests.Publishing;

/// <summary>Each way BuildAndPush can fail, with the real parts: one message saying what happened and what fixes it, as early as it can be known.</summary>
[CancelAfter(300_000)]
public class BuildAndPushErrorTests
{
    private PublishWorld _world = null!;
    private SourceTree _source = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await PublishWorld.StartAsync();
        _source = await SourceTree.ScratchAsync("errors " + Guid.NewGuid());
    }

    [TearDown]
    public async Task Stop()
    {
        _source.Dispose();
        await _world.DisposeAsync();
    }

    [Test]
    public async Task A_reference_without_a_REPOSITORY_segment_fails_before_any_process_starts()
    {
        var exception = await Assert.ThrowsAsync<InvalidImageReferenceException>(() =>
            BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(_source, "app").SetImage("asia-docker.pkg.dev/sample-project/app")));

        Assert.That(_world.Runner.Count, Is.Zero, "no git, no docker, no login");
        Assert.That(exception!.Message, Does.Contain("REPOSITORY"));
    }

    [Test]
    public async Task A_host_the_configured_host_map_lacks_is_refused_before_any_process_starts()
    {
        var context = _world.Context().SetHostMap(null).SetEnvironmentVariable("ARTIFACT_REGISTRY_HOST_MAP", _world.HostMap.ToString());
        var settings = PublishWorld.Settings(_source, "app").SetImage($"europe-west1-docker.pkg.dev/{PublishWorld.Project}/{PublishWorld.Repository}/app");

        var exception = await Assert.ThrowsAsync<ConfigurationException>(() => BuildAndPush.RunAsync(context, settings));

        Assert.That(_world.Runner.Count, Is.Zero, "no docker login at the real host with the mapped registry's token");
        Assert.That(exception!.Message, Does.StartWith("The image's host europe-west1-docker.pkg.dev is not in the registry host map ("));
        Assert.That(exception.Message, Does.Contain("unset ARTIFACT_REGISTRY_HOST_MAP"));
        Assert.That(exception.Message, Does.Contain($"asia-docker.pkg.dev/{PublishWorld.Project}/{PublishWorld.Repository}/app"));
    }

    [Test]
    public async Task Invalid_tags_are_refused_before_any_process_starts()
    {
        var exception = await Assert.ThrowsAsync<InvalidImageTagException>(() =>
            BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(_source, "app").SetTags("v1", "feature/login")));

        Assert.That(_world.Runner.Count, Is.Zero);
        Assert.That(exception!.Message, Does.Contain("'feature/login' is not a valid tag"));
    }

    [Test]
    public async Task A_missing_Dockerfile_is_reported_before_any_process_starts()
    {
        var exception = await Assert.ThrowsAsync<DockerfileNotFoundException>(() =>
            BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(_source, "app").SetDockerfile(Path.Combine(_source.Path, "Dockerfile.prod"))));

        Assert.That(_world.Runner.Count, Is.Zero);
        Assert.That(exception!.Message, Does.Contain("Dockerfile.prod' does not exist").And.Contain("SetDockerfile(\""));
    }

    [Test]
    public async Task A_missing_docker_CLI_is_named_with_how_to_install_it()
    {
        var exception = await Assert.ThrowsAsync<ProgramNotFoundException>(() =>
            BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(_source, "app").SetDockerProgram("docker-not-installed")));

        Assert.That(exception!.Message, Does.Contain("'docker-not-installed' was not found on PATH"));
        Assert.That(_world.DockerCommands, Has.None.EqualTo("docker build"));
    }

    [Test]
    public async Task An_unreachable_docker_engine_says_how_to_start_one_and_names_DOCKER_HOST()
    {
        var host = $"unix://{_world.Home}/no-engine.sock";

        var exception = await Assert.ThrowsAsync<DockerEngineUnreachableException>(() =>
            BuildAndPush.RunAsync(_world.Context().SetEnvironmentVariable("DOCKER_HOST", host), PublishWorld.Settings(_source, "app")));

        Assert.That(exception!.DockerHost, Is.EqualTo(host));
        Assert.That(exception.Message, Does.Contain("Cannot connect to the Docker daemon").And.Contain($"DOCKER_HOST is {host}"));
        Assert.That(_world.DockerCommands, Has.None.EqualTo("docker build"));
    }

    [Test]
    public async Task A_failing_build_shows_dockers_last_error_lines_and_the_failing_step_not_a_stack_trace()
    {
        _source.Write("Dockerfile", "FROM scratch\nCOPY payload.txt /payload.txt\nCOPY missing.txt /missing.txt\n");

        var exception = await Assert.ThrowsAsync<DockerBuildFailedException>(() => BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(_source, "app")));

        // The steps after it are the OCI labels, which docker applies as steps of their own.
        Assert.That(exception!.FailedStep, Does.StartWith("step 3/").And.EndWith(": COPY missing.txt /missing.txt"));
        Assert.That(exception.ErrorLines.Last(), Does.Contain("missing.txt").And.Contain("file does not exist"));
        Assert.That(exception.Message, Does.StartWith($"docker build failed at {exception.FailedStep} (exit code 1)."));
        Assert.That(exception.Message, Does.Not.Contain("   at ").And.Not.Contain("DEPRECATED"));
        Assert.That(_world.DockerCommands, Has.None.EqualTo("docker push"));
    }

    [Test]
    public async Task A_failing_RUN_step_shows_what_its_command_printed_and_the_docker_command_without_the_environment()
    {
        await BusyboxBase.EnsureAsync(_world.Engine);
        _source.Write("Dockerfile", $"FROM {BusyboxBase.Reference}\nRUN echo preparing && ls /no-such-dir && echo never\n");

        var exception = await Assert.ThrowsAsync<DockerBuildFailedException>(() => BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(_source, "app")));

        Assert.That(exception!.FailedStep, Does.StartWith("step 2/").And.EndWith(": RUN echo preparing && ls /no-such-dir && echo never"));
        // The legacy builder prints the command's own error on standard output, in terminal colours.
        Assert.That(exception.ErrorLines, Does.Contain("ls: /no-such-dir: No such file or directory"));
        Assert.That(exception.Message, Does.Contain("ls: /no-such-dir: No such file or directory"));
        // Ordinal: a culture-aware Contains ignores control characters and would find ESC everywhere.
        Assert.That(exception.Message.Contains('\u001b', StringComparison.Ordinal), Is.False, "no terminal colour codes");
        Assert.That(exception.CommandLine, Does.Contain(" build --file ").And.Not.Contain("CLOUDSDK_CONFIG="),
            "the overrides of docker's environment are the build's configuration, not what to read after a failure");
    }

    [Test]
    public async Task A_failing_RUN_step_that_prints_a_secret_build_argument_shows_it_masked()
    {
        await BusyboxBase.EnsureAsync(_world.Engine);
        var npmToken = "npm_" + Guid.NewGuid().ToString("N");
        _source.Write("Dockerfile", $"FROM {BusyboxBase.Reference}\nARG NPM_TOKEN\nRUN echo \"using $NPM_TOKEN\" && exit 3\n");

        var exception = await Assert.ThrowsAsync<DockerBuildFailedException>(() =>
            BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(_source, "app").AddSecretBuildArg("NPM_TOKEN", npmToken)));

        Assert.That(exception!.ErrorLines, Does.Contain("using [REDACTED]"), "the step's own output, masked");
        Assert.That(exception.Message + _world.Log.Text, Does.Not.Contain(npmToken));
    }

    [Test]
    public async Task A_principal_without_the_writer_role_is_stopped_by_the_preflight_before_the_build_leaving_no_login_behind()
    {
        var context = _world.Context(SandboxPrincipals.Viewer);

        var exception = await Assert.ThrowsAsync<ArtifactRegistryAccessDeniedException>(() => BuildAndPush.RunAsync(context, PublishWorld.Settings(_source, "app")));

        Assert.That(exception!.Message, Does.Contain($"--member=serviceAccount:{SandboxPrincipals.Viewer} --role=roles/artifactregistry.writer"));
        Assert.That(_world.DockerCommands, Has.None.EqualTo("docker build"));
        Assert.That(_world.DockerCommands, Has.One.EqualTo("docker login"), "docker was logged in before the preflight");
        Assert.That(await LoginsLeftBehindAsync(context), Is.Empty, "the refused build's docker login (and its token) was deleted");
    }

    [Test]
    public async Task A_failed_build_asked_to_keep_its_docker_login_for_later_steps_deletes_it_all_the_same()
    {
        // What the NUKE host asks for: the login outlives BuildAndPush only when the push succeeded and the caller took it.
        _source.Write("Dockerfile", "FROM scratch\nCOPY missing.txt /missing.txt\n");
        var context = _world.Context();

        await Assert.ThrowsAsync<DockerBuildFailedException>(() => BuildAndPush.RunAsync(context, PublishWorld.Settings(_source, "app").SetKeepDockerAuthSession(true)));

        Assert.That(_world.DockerCommands, Has.One.EqualTo("docker login"));
        Assert.That(await LoginsLeftBehindAsync(context), Is.Empty, "the failed build's docker login (and its token) was deleted");
    }

    [Test]
    public async Task Without_the_preflight_a_refused_push_is_explained_with_the_grant_command_and_not_retried()
    {
        var exception = await Assert.ThrowsAsync<DockerRegistryAccessException>(() =>
            BuildAndPush.RunAsync(_world.Context(SandboxPrincipals.Viewer), PublishWorld.Settings(_source, "app").DisableAccessPreflight().SetTags("v1")));

        Assert.That(exception!.Kind, Is.EqualTo(DockerRegistryErrorKind.PermissionDenied));
        Assert.That(exception.Permission, Is.EqualTo("artifactregistry.repositories.uploadArtifacts"));
        Assert.That(exception.Message, Does.Contain("--role=roles/artifactregistry.writer"));
        Assert.That(_world.DockerCommands.Count(command => command == "docker push"), Is.EqualTo(1), "a refusal is never retried");
    }

    [Test]
    public async Task A_secret_build_argument_and_the_login_token_stay_out_of_argv_the_log_and_the_result()
    {
        var npmToken = "npm_" + Guid.NewGuid().ToString("N");
        _source.Write("Dockerfile", "FROM scratch\nARG NPM_TOKEN\nCOPY payload.txt /payload.txt\n");

        var context = _world.Context();

        var result = await BuildAndPush.RunAsync(context, PublishWorld.Settings(_source, "app").AddSecretBuildArg("NPM_TOKEN", npmToken));
        // The source caches its token: this is the one docker logged in with.
        var accessToken = (await context.AccessTokenSource!.GetAccessTokenAsync()).Value;

        var build = _world.Runner.Runs.Select(run => run.Command).Single(command => command.Arguments.Any(a => a.Value == "build"));
        Assert.That(build.Environment.Single(variable => variable.Name == "NPM_TOKEN").Value, Is.EqualTo(npmToken), "docker got the value");
        Assert.That(_world.Runner.Visible, Does.Not.Contain(npmToken), "argv, shown command lines, docker's stderr");
        Assert.That(_world.Log.Text, Does.Not.Contain(npmToken));
        Assert.That(result.ToString(), Does.Not.Contain(npmToken));
        Assert.That(_world.Log.Text, Does.Contain("NPM_TOKEN=[REDACTED]"));
        Assert.That(_world.Log.Lines, Has.Some.StartsWith("Warning: Secret build argument(s) NPM_TOKEN").And.Contains("docker history"),
            "the build says where the value does end up");
        Assert.That(_world.Log.Text + _world.Runner.Visible, Does.Not.Contain(accessToken), "nor the registry login's token");
    }

    /// <summary>Build-scoped docker configs in the temp folder that still hold the login of <paramref name="context"/>'s token.</summary>
    private static async Task<List<string>> LoginsLeftBehindAsync(OperationContext context)
    {
        // The source caches its token: this is the one the build-scoped login holds.
        var token = (await context.AccessTokenSource!.GetAccessTokenAsync()).Value;
        var login = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("oauth2accesstoken:" + token));
        return Directory.GetDirectories(Path.GetTempPath(), "ar-docker-*")
            .Where(directory => File.Exists(Path.Combine(directory, "config.json")) && File.ReadAllText(Path.Combine(directory, "config.json")).Contains(login))
            .ToList();
    }
}
