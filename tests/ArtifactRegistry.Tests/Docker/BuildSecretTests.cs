using ArtifactRegistry.Docker;
using ArtifactRegistry.Hints;
using ArtifactRegistry.Publishing;

namespace ArtifactRegistry.Tests.Docker;

public sealed class BuildSecretTests
{
    private const string Secret = "npm_9f2c41d0a7e35b86secret";

    private static readonly string[] Names = ["127.0.0.1:5000/p/r/app:abc1234"];

    private static readonly Dictionary<string, string> Labels = new() { ["team"] = "shop" };

    private static ImageBuildSettings Settings => new ImageBuildSettings()
        .SetContextDirectory("/src/app")
        .AddBuildSecret("npm_token", Secret)
        .AddBuildSecret("pip.conf", "index-url = https://user:pw@pypi.example.com/simple");

    [Test]
    public void The_built_in_BuildKit_gets_each_secret_by_id_and_variable_name_while_the_values_travel_only_in_its_environment()
    {
        var command = DockerBuildCommand.Create(DockerClient.Default, Settings, DockerBuilder.BuildKit, Names, Labels, "/tmp/iid");
        var arguments = command.Arguments.Select(a => a.Value).ToList();

        Assert.That(arguments.Take(2), Is.EqualTo(new[] { "build", "--progress=plain" }));
        Assert.That(arguments, Is.SupersetOf(new[]
        {
            "--secret", "id=npm_token,env=ARTIFACT_REGISTRY_BUILD_SECRET_1",
            "--secret", "id=pip.conf,env=ARTIFACT_REGISTRY_BUILD_SECRET_2",
        }));
        Assert.That(arguments, Has.None.Contains(Secret).And.None.Contains("user:pw"), "no value in argv");
        Assert.That(command.Arguments.Where(a => a.IsSecret), Is.Empty, "nothing secret needed in argv at all");

        Assert.That(command.Environment.Single(v => v.Name == "DOCKER_BUILDKIT").Value, Is.EqualTo("1"));
        var first = command.Environment.Single(v => v.Name == "ARTIFACT_REGISTRY_BUILD_SECRET_1");
        Assert.That((first.Value, first.IsSecret), Is.EqualTo((Secret, true)));
        Assert.That(command.Environment.Single(v => v.Name == "ARTIFACT_REGISTRY_BUILD_SECRET_2").IsSecret, Is.True);

        Assert.That(command.ToString(), Does.Not.Contain(Secret).And.Not.Contain("user:pw"));
        Assert.That(command.ToString(), Does.Contain("ARTIFACT_REGISTRY_BUILD_SECRET_1=[REDACTED]"));
    }

    [Test]
    public void Buildx_gets_the_same_secret_arguments()
    {
        var buildx = DockerBuildCommand.Create(DockerClient.Default, Settings, DockerBuilder.Buildx, Names, Labels, "/tmp/iid");
        var buildKit = DockerBuildCommand.Create(DockerClient.Default, Settings, DockerBuilder.BuildKit, Names, Labels, "/tmp/iid");

        Assert.That(buildx.Arguments.Select(a => a.Value).Skip(4), Is.EqualTo(buildKit.Arguments.Select(a => a.Value).Skip(2)));
        Assert.That(buildx.Environment.Where(v => v.IsSecret).Select(v => v.Name),
            Is.EqualTo(new[] { "ARTIFACT_REGISTRY_BUILD_SECRET_1", "ARTIFACT_REGISTRY_BUILD_SECRET_2" }));
    }

    [Test]
    public void The_network_of_the_RUN_steps_is_passed_as_given()
    {
        var command = DockerBuildCommand.Create(DockerClient.Default, Settings.SetNetwork("host"), DockerBuilder.BuildKit, Names, Labels, "/tmp/iid");

        Assert.That(command.Arguments.Select(a => a.Value).ToList(), Is.SupersetOf(new[] { "--network", "host" }));
    }

    [Test]
    public void The_settings_text_shows_secret_ids_and_variable_names_but_never_a_value()
    {
        var settings = new BuildAndPushSettings()
            .AddBuildSecret("npm_token", Secret)
            .AddBuildSecretFromEnvironment("gh_token", "GH_TOKEN");

        Assert.That(settings.ToString(), Does.Contain("BuildSecrets = [npm_token=[REDACTED], gh_token=env:GH_TOKEN]"));
        Assert.That(settings.ToString(), Does.Not.Contain(Secret));
        Assert.That(settings.BuildSecrets[0].ToString(), Is.EqualTo("npm_token=[REDACTED]"));
    }

    [Test]
    public void Adding_a_secret_with_an_existing_id_replaces_it_and_remove_and_clear_drop_them()
    {
        var settings = new ImageBuildSettings().AddBuildSecret("a", "1").AddBuildSecret("b", "2").AddBuildSecret("a", "3");

        Assert.That(settings.BuildSecrets.Select(s => (s.Id, s.Value)), Is.EqualTo(new[] { ("b", "2"), ("a", "3") }));
        Assert.That(settings.RemoveBuildSecret("b").BuildSecrets.Select(s => s.Id), Is.EqualTo(new[] { "a" }));
        Assert.That(settings.ClearBuildSecrets().BuildSecrets, Is.Empty);
    }

    [Test]
    public void A_secret_read_from_a_variable_that_is_not_set_is_refused_naming_the_variable_and_the_setting()
    {
        var secret = BuildSecret.FromEnvironment("npm_token", "NPM_TOKEN");

        var missing = Assert.Throws<SettingsException>(() => secret.Resolve(_ => null))!;
        Assert.That(missing.Message, Does.StartWith("Build secret 'npm_token' is read from the environment variable NPM_TOKEN, which is not set"));
        Assert.That(missing.Message, Does.Contain("Set NPM_TOKEN for the build").And.Contain("AddBuildSecret(…)"));
        Assert.That(missing.Settings, Is.EqualTo(new[] { SettingNames.BuildSecrets }));

        var empty = Assert.Throws<SettingsException>(() => secret.Resolve(_ => ""))!;
        Assert.That(empty.Message, Does.Contain("NPM_TOKEN, which is empty"));

        var resolved = secret.Resolve(name => name == "NPM_TOKEN" ? Secret : null);
        Assert.That((resolved.Id, resolved.Value, resolved.ToString()), Is.EqualTo(("npm_token", Secret, "npm_token=[REDACTED]")));
    }

    [TestCase("")]
    [TestCase("npm token")]
    [TestCase("id,env=PATH")]
    [TestCase("a=b")]
    public void An_id_docker_would_misread_is_refused(string id)
    {
        var exception = Assert.Throws<SettingsException>(() => new ImageBuildSettings().AddBuildSecret(id, "s3cr3t-v4lue"))!;

        Assert.That(exception.Message, Does.StartWith($"Build secret id '{id}' is not letters, digits"));
        Assert.That(exception.Message, Does.Not.Contain("s3cr3t-v4lue"));
    }

    [TestCase("20.10.24+dfsg1", true)]
    [TestCase("18.09.1", true)]
    [TestCase("19.03.15", true)]
    [TestCase("18.06.3-ce", false)]
    [TestCase("23.0.0", false)]
    [TestCase("28.2.2", false)]
    [TestCase("", false)]
    [TestCase("dev", false)]
    public void Only_CLIs_from_18_09_to_20_10_have_a_built_in_BuildKit(string version, bool expected) =>
        Assert.That(DockerCliVersion.HasBuiltInBuildKit(version), Is.EqualTo(expected));
}
