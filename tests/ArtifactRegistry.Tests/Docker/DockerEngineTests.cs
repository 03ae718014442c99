using ArtifactRegistry.Hints;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Processes;
using ArtifactRegistry.Testing;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Tests.Docker;

public sealed class DockerEngineTests
{
    [Test]
    public async Task A_DOCKER_HOST_where_no_engine_listens_fails_fast_naming_DOCKER_HOST_and_how_to_fix_it()
    {
        var docker = Prerequisites.RequireProgram("docker");
        using var folder = TempDirectory.Create("ard-nodocker-", "/tmp");
        var host = $"unix://{folder.Path}/docker.sock";
        var engine = new DockerEngine(DockerClient.Default.WithProgram(docker).WithHost(host));

        var exception = await Assert.ThrowsAsync<DockerEngineUnreachableException>(() => engine.EnsureReachableAsync());

        Assert.That(exception!.DockerHost, Is.EqualTo(host));
        Assert.That(exception.Message, Does.Contain("Cannot connect to the Docker daemon"));
        Assert.That(exception.Message, Does.Contain($"DOCKER_HOST is {host}"));
        Assert.That(exception.Message, Does.Contain("Start the engine DOCKER_HOST points at"));
    }

    [Test]
    public async Task A_missing_docker_CLI_fails_with_how_to_install_it()
    {
        var engine = new DockerEngine(DockerClient.Default.WithProgram("docker-not-installed-here"));

        var exception = await Assert.ThrowsAsync<ProgramNotFoundException>(() => engine.EnsureReachableAsync());

        Assert.That(exception!.Message, Does.Contain("'docker-not-installed-here' was not found on PATH"));
    }

    [Test]
    public async Task Auto_chooses_the_legacy_builder_when_the_buildx_plugin_is_missing()
    {
        var docker = Prerequisites.RequireProgram("docker");
        using var config = TempDirectory.Create("ard-cfg-");
        // An empty DOCKER_CONFIG has no cli-plugins folder; the machine's own plugin folders could still hold buildx.
        var engine = new DockerEngine(DockerClient.Default.WithProgram(docker).WithConfigDirectory(config.Path));
        var hasBuildx = (await ProcessCommand.For(docker).WithArguments(["buildx", "version"]).WithValidation(ProcessValidation.None).ExecuteAsync()).IsSuccess;
        if (hasBuildx)
            Assert.Ignore("This machine's docker has the buildx plugin, so the fallback cannot be observed with the real CLI.");

        Assert.That(await engine.ResolveBuilderAsync(DockerBuilder.Auto), Is.EqualTo(DockerBuilder.Legacy));
        var exception = await Assert.ThrowsAsync<SettingsException>(() => engine.ResolveBuilderAsync(DockerBuilder.Buildx));
        Assert.That(exception!.Message, Does.StartWith("The build was set to use buildx, but buildx is not available"));
        Assert.That(exception.Message, Does.Contain("Install the buildx plugin").And.Contain("SetBuilder(…) with DockerBuilder.Auto"));
    }

    [Test]
    public async Task Auto_chooses_buildx_when_docker_buildx_version_answers()
    {
        using var folder = TempDirectory.Create("ard-fakedocker-");
        // Plays a docker CLI whose buildx plugin is installed: only `buildx version` succeeds.
        var fake = folder.WriteFile("docker", "#!/bin/sh\n[ \"$1 $2\" = \"buildx version\" ] && { echo 'github.com/docker/buildx v0.23.0'; exit 0; }\nexit 1\n",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var engine = new DockerEngine(DockerClient.Default.WithProgram(fake));

        Assert.That(await engine.ResolveBuilderAsync(DockerBuilder.Auto), Is.EqualTo(DockerBuilder.Buildx));
        Assert.That(await engine.ResolveBuilderAsync(DockerBuilder.Legacy), Is.EqualTo(DockerBuilder.Legacy));
    }
}
