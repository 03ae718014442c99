using ArtifactRegistry.Docker;
using ArtifactRegistry.Hints;
using ArtifactRegistry.Processes;
using ArtifactRegistry.Testing;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Tests.Docker;

/// <summary>Which builder a build with secrets gets, asked of the real docker CLIs on PATH (no engine needed).</summary>
public sealed class BuildKitBuilderChoiceTests
{
    private static readonly string[] Secrets = ["npm_token"];

    [Test]
    public async Task Auto_chooses_the_built_in_BuildKit_of_a_20_10_CLI_for_a_build_with_secrets_and_the_legacy_builder_without()
    {
        var docker = await BuildKitDockerCli.RequireAsync();
        using var config = TempDirectory.Create("ard-cfg-");
        var engine = new DockerEngine(DockerClient.Default.WithProgram(docker).WithConfigDirectory(config.Path));
        if (await HasBuildxAsync(docker))
            Assert.Ignore($"{docker} has the buildx plugin, which Auto prefers, so the built-in BuildKit cannot be observed.");

        Assert.That(await engine.ResolveBuilderAsync(DockerBuilder.Auto, Secrets), Is.EqualTo(DockerBuilder.BuildKit));
        Assert.That(await engine.ResolveBuilderAsync(DockerBuilder.Auto, []), Is.EqualTo(DockerBuilder.Legacy), "no secrets: the builder of before");
        Assert.That(await engine.ResolveBuilderAsync(DockerBuilder.BuildKit, []), Is.EqualTo(DockerBuilder.BuildKit));
    }

    [Test]
    public async Task A_CLI_without_buildx_or_built_in_BuildKit_refuses_a_build_with_secrets_naming_the_builder_and_how_to_get_it()
    {
        var docker = Prerequisites.RequireProgram("docker");
        using var config = TempDirectory.Create("ard-cfg-");
        var engine = new DockerEngine(DockerClient.Default.WithProgram(docker).WithConfigDirectory(config.Path));
        var version = await BuildKitDockerCli.ClientVersionAsync(docker);
        if (await HasBuildxAsync(docker) || DockerCliVersion.HasBuiltInBuildKit(version))
            Assert.Ignore($"The docker on PATH ({docker} {version}) has a BuildKit builder, so the refusal cannot be observed with it.");

        var exception = await Assert.ThrowsAsync<BuildKitUnavailableException>(() => engine.ResolveBuilderAsync(DockerBuilder.Auto, Secrets));

        Assert.That(exception!.Message, Does.StartWith("The build has build secrets (npm_token), which only a BuildKit builder can mount"));
        Assert.That(exception.Message, Does.Contain($"the docker CLI `{docker}` is {version}, which has no built-in BuildKit"));
        Assert.That(exception.Message, Does.Contain("docker-buildx-plugin").And.Contain("docker-buildx").And.Contain("SetDockerProgram(\"/usr/bin/docker\")"));
        Assert.That(exception.Program, Is.EqualTo(docker));
        Assert.That(exception.SecretIds, Is.EqualTo(Secrets));
        Assert.That(SettingHints.NamedBy(exception), Does.Contain(SettingNames.DockerProgram));

        var forced = await Assert.ThrowsAsync<SettingsException>(() => engine.ResolveBuilderAsync(DockerBuilder.BuildKit, []));
        Assert.That(forced!.Message, Does.StartWith("The build was set to the built-in BuildKit of the docker CLI (DockerBuilder.BuildKit)"));
    }

    [Test]
    public async Task The_legacy_builder_chosen_by_hand_refuses_a_build_with_secrets_without_asking_docker()
    {
        var engine = new DockerEngine(DockerClient.Default.WithProgram("docker-not-installed-here"));

        var exception = await Assert.ThrowsAsync<BuildKitUnavailableException>(() => engine.ResolveBuilderAsync(DockerBuilder.Legacy, Secrets));

        Assert.That(exception!.Message, Does.Contain("the build was set to the legacy builder (DockerBuilder.Legacy), which has no BuildKit"));
        Assert.That(exception.Message, Does.Contain("SetBuilder(…)"));
    }

    private static async Task<bool> HasBuildxAsync(string docker) =>
        (await ProcessCommand.For(docker).WithArguments(["buildx", "version"]).WithValidation(ProcessValidation.None).ExecuteAsync()).IsSuccess;
}
