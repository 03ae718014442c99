using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Tests.Context;

public sealed class OperationContextTests
{
    [Test]
    public void An_environment_file_becomes_the_environment_of_every_program_and_lookup()
    {
        using var folder = TempDirectory.Create("ar-context-env-");
        var file = folder.WriteFile("registry.env",
            "export ARTIFACT_REGISTRY_HOST_MAP='asia-docker.pkg.dev=127.0.0.1:40001'\nexport CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY='http://127.0.0.1:40000/'\n");

        var context = OperationContext.Default.SetEnvironmentFile(file);

        Assert.That(context.Variable("CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY"), Is.EqualTo("http://127.0.0.1:40000/"));
        Assert.That(context.ResolveHostMap().Resolve("asia-docker.pkg.dev"), Is.EqualTo("127.0.0.1:40001"));
        Assert.That(OperationContext.Default.EnvironmentVariables, Is.Empty, "the default context is never changed");
    }

    [Test]
    public void A_variable_is_the_override_else_the_process_s_and_a_null_override_removes_it()
    {
        var inherited = Environment.GetEnvironmentVariable("PATH");
        var context = OperationContext.Default.SetEnvironmentVariable("AR_CONTEXT_TEST", "set");

        Assert.That(context.Variable("AR_CONTEXT_TEST"), Is.EqualTo("set"));
        Assert.That(context.Variable("PATH"), Is.EqualTo(inherited));
        Assert.That(context.SetEnvironmentVariable("PATH", null).Variable("PATH"), Is.Null);
        Assert.That(context.ClearEnvironmentVariables().Variable("AR_CONTEXT_TEST"), Is.Null);
    }

    [Test]
    public void A_host_map_set_in_code_wins_over_the_environment_s()
    {
        var context = OperationContext.Default
            .SetEnvironmentVariable(RegistryHostMap.EnvironmentVariable, "asia-docker.pkg.dev=127.0.0.1:1")
            .SetHostMap(RegistryHostMap.Parse("asia-docker.pkg.dev=127.0.0.1:2"));

        Assert.That(context.ResolveHostMap().Resolve("asia-docker.pkg.dev"), Is.EqualTo("127.0.0.1:2"));
        Assert.That(context.SetHostMap(null).ResolveHostMap().Resolve("asia-docker.pkg.dev"), Is.EqualTo("127.0.0.1:1"));
    }

    [Test]
    public void The_docker_config_is_the_context_s_folder_else_DOCKER_CONFIG_else_the_home_s()
    {
        var context = OperationContext.Default.SetHomeDirectory("/home/someone").SetEnvironmentVariable("DOCKER_CONFIG", null);

        Assert.That(context.DockerConfigFile().Path, Is.EqualTo("/home/someone/.docker/config.json"));
        Assert.That(context.SetEnvironmentVariable("DOCKER_CONFIG", "/etc/docker-ci").DockerConfigFile().Path, Is.EqualTo("/etc/docker-ci/config.json"));
        Assert.That(context.SetDockerConfigDirectory("/tmp/cfg").DockerConfigFile().Path, Is.EqualTo("/tmp/cfg/config.json"));
    }
}
