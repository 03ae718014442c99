using ArtifactRegistry.Docker;

namespace ArtifactRegistry.Tests.Docker;

public sealed class DockerBuildCommandTests
{
    private const string Secret = "npm_0123456789secret";

    private static readonly ImageBuildSettings Settings = new ImageBuildSettings()
        .SetContextDirectory("/src/app")
        .SetDockerfile("/src/app/Dockerfile.prod")
        .AddBuildArg("VERSION", "1.2.3")
        .AddSecretBuildArg("NPM_TOKEN", Secret)
        .SetTarget("runtime")
        .SetPlatform("linux/amd64")
        .EnablePull()
        .EnableNoCache();

    private static readonly Dictionary<string, string> Labels = new()
    {
        ["org.opencontainers.image.revision"] = "abc",
        ["team"] = "shop",
    };

    private static readonly string[] Names = ["127.0.0.1:5000/p/r/app:abc1234", "127.0.0.1:5000/p/r/app:latest"];

    [Test]
    public void The_legacy_builder_gets_every_setting_as_its_own_argument_and_BuildKit_switched_off()
    {
        var command = DockerBuildCommand.Create(DockerClient.Default, Settings, DockerBuilder.Legacy, Names, Labels, "/tmp/iid");

        Assert.That(command.Arguments.Select(a => a.Value), Is.EqualTo(new[]
        {
            "build",
            "--file", "/src/app/Dockerfile.prod",
            "--tag", "127.0.0.1:5000/p/r/app:abc1234",
            "--tag", "127.0.0.1:5000/p/r/app:latest",
            "--label", "org.opencontainers.image.revision=abc",
            "--label", "team=shop",
            "--build-arg", "VERSION=1.2.3",
            "--build-arg", "NPM_TOKEN",
            "--target", "runtime",
            "--platform", "linux/amd64",
            "--pull",
            "--no-cache",
            "--iidfile", "/tmp/iid",
            "/src/app",
        }));
        Assert.That(command.Environment.Single(v => v.Name == "DOCKER_BUILDKIT").Value, Is.EqualTo("0"));
    }

    [Test]
    public void Buildx_loads_the_result_into_the_engine_and_prints_plain_progress()
    {
        var command = DockerBuildCommand.Create(DockerClient.Default, Settings, DockerBuilder.Buildx, Names, Labels, "/tmp/iid");
        var arguments = command.Arguments.Select(a => a.Value).ToList();

        Assert.That(arguments.Take(4), Is.EqualTo(new[] { "buildx", "build", "--load", "--progress=plain" }));
        Assert.That(arguments.Skip(4), Is.EqualTo(
            DockerBuildCommand.Create(DockerClient.Default, Settings, DockerBuilder.Legacy, Names, Labels, "/tmp/iid")
                .Arguments.Select(a => a.Value).Skip(1)),
            "buildx gets the same options as the legacy builder");
        Assert.That(command.Environment.Any(v => v.Name == "DOCKER_BUILDKIT"), Is.False);
    }

    [Test]
    public void A_secret_build_argument_travels_in_the_environment_and_is_redacted_in_the_shown_command()
    {
        var command = DockerBuildCommand.Create(DockerClient.Default, Settings, DockerBuilder.Legacy, Names, Labels, "/tmp/iid");

        Assert.That(command.Arguments.Select(a => a.Value), Has.None.Contains(Secret));
        var variable = command.Environment.Single(v => v.Name == "NPM_TOKEN");
        Assert.That(variable.Value, Is.EqualTo(Secret));
        Assert.That(variable.IsSecret, Is.True);
        Assert.That(command.ToString(), Does.Not.Contain(Secret));
        Assert.That(command.ToString(), Does.Contain("NPM_TOKEN=[REDACTED]"));
    }

    [Test]
    public void The_docker_client_settings_reach_the_command()
    {
        var client = DockerClient.Default.WithProgram("/opt/docker/bin/docker").WithHost("unix:///tmp/d.sock").WithConfigDirectory("/tmp/cfg");

        var command = DockerBuildCommand.Create(client, new ImageBuildSettings(), DockerBuilder.Legacy, Names, Labels, "/tmp/iid");

        Assert.That(command.Program, Is.EqualTo("/opt/docker/bin/docker"));
        Assert.That(command.Environment.Select(v => $"{v.Name}={v.Value}"),
            Is.SupersetOf(new[] { "DOCKER_HOST=unix:///tmp/d.sock", "DOCKER_CONFIG=/tmp/cfg", "DOCKER_CLI_HINTS=false" }));
    }

    [Test]
    public void An_unresolved_builder_choice_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() =>
            DockerBuildCommand.Create(DockerClient.Default, Settings, DockerBuilder.Auto, Names, Labels, "/tmp/iid"));
    }
}
