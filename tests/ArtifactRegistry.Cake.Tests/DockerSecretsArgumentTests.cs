using ArtifactRegistry.Cake.Arguments;
using ArtifactRegistry.Hints;

namespace ArtifactRegistry.Cake.Tests;

public class DockerSecretsArgumentTests
{
    [Test]
    public void Docker_secrets_name_variables_whose_values_are_read_when_the_build_starts_for_BuildAndPush_and_Deploy()
    {
        var arguments = new ArgumentsStub(("docker-secrets", "npm_token=NPM_TOKEN, pip.conf=PIP_CONF"), ("docker-secrets", "gh=GH_TOKEN"),
            ("docker-program", "/usr/bin/docker"), ("docker-network", "host"));

        var settings = ArgumentDefaults.BuildAndPush(arguments);

        Assert.That(settings.BuildSecrets.Select(secret => (secret.Id, secret.EnvironmentVariable, secret.Value)),
            Is.EqualTo(new (string, string?, string?)[] { ("npm_token", "NPM_TOKEN", null), ("pip.conf", "PIP_CONF", null), ("gh", "GH_TOKEN", null) }));
        Assert.That((settings.DockerProgram, settings.Network), Is.EqualTo(("/usr/bin/docker", "host")));
        Assert.That(ArgumentDefaults.Deploy(arguments).Build.BuildSecrets, Has.Count.EqualTo(3), "Deploy builds with them too");
    }

    [TestCase("npm_token")]
    [TestCase("=NPM_TOKEN")]
    [TestCase("npm_token=")]
    public void A_docker_secret_that_is_not_ID_equals_ENV_VAR_is_refused_with_an_example(string value)
    {
        var exception = Assert.Throws<SettingsException>(() => ArgumentDefaults.BuildAndPush(new ArgumentsStub(("docker-secrets", value))))!;

        Assert.That(exception.Message, Is.EqualTo(
            $"--docker-secrets={value} is not ID=ENV_VAR, so it names no secret id or no variable to read it from; pass e.g. --docker-secrets=npm_token=NPM_TOKEN."));
    }
}
