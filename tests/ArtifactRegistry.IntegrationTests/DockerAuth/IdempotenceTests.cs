using System.Diagnostics;
using System.Text.Json.Nodes;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Context;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.DockerAuth;

/// <summary>A second run, a config full of other tools' settings, a broken config, and gcloud's own view of what was written.</summary>
[CancelAfter(300_000)]
public class IdempotenceTests
{
    private AuthWorld _world = null!;

    [SetUp]
    public async Task Start() => _world = await AuthWorld.StartAsync();

    [TearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [Test]
    public async Task A_second_run_writes_nothing_and_starts_only_the_one_helper_call_of_the_preflight()
    {
        var gcloud = _world.Gcloud(SandboxPrincipals.Deployer);
        var docker = _world.Docker(gcloud);
        var context = _world.Context(docker, gcloud);
        var settings = AuthWorld.Settings(AuthWorld.Canonical("sample-api"));
        await EnsureDockerAuth.RunAsync(context, settings);
        File.SetLastWriteTimeUtc(docker.ConfigFilePath, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var processesBefore = _world.Runner.Count;

        var second = await EnsureDockerAuth.RunAsync(context, settings);
        var third = await EnsureDockerAuth.RunAsync(context, settings.DisableAccessPreflight());

        Assert.That(second.ConfigChange!.Written, Is.False);
        Assert.That(second.ChildProcesses, Is.EqualTo(1), "docker-credential-gcloud get, whose token the preflight reuses");
        Assert.That(_world.Runner.Runs.Skip(processesBefore).Select(r => r.Command.Program), Is.EqualTo(new[] { "docker-credential-gcloud" }));
        Assert.That(third.ChildProcesses, Is.Zero, "the configuration step alone starts nothing");
        Assert.That(File.GetLastWriteTimeUtc(docker.ConfigFilePath), Is.EqualTo(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Test]
    public async Task A_config_with_auths_credsStore_other_helpers_and_an_unknown_field_keeps_them_all()
    {
        var gcloud = _world.Gcloud(SandboxPrincipals.Deployer);
        var docker = _world.Docker(gcloud);
        var original = JsonNode.Parse("""
            {
            	"auths": {"ghcr.io": {"auth": "dXNlcjpwYXNzd29yZA=="}, "https://index.docker.io/v1/": {}},
            	"credsStore": "desktop",
            	"credHelpers": {"123456789012.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login", "gcr.io": "gcloud"},
            	"features": {"hooks": "true"},
            	"x-unknown": {"kept": [1, "two", null]}
            }
            """)!;
        File.WriteAllText(docker.ConfigFilePath, original.ToJsonString());

        await EnsureDockerAuth.RunAsync(_world.Context(docker, gcloud), AuthWorld.Settings(AuthWorld.Canonical("sample-api")));

        var expected = original.DeepClone().AsObject();
        expected["credHelpers"]!.AsObject()[_world.ActualHost] = "gcloud";
        Assert.That(JsonNode.Parse(File.ReadAllText(docker.ConfigFilePath))!.ToJsonString(), Is.EqualTo(expected.ToJsonString()));
        Assert.That(_world.Log.Lines, Has.Some.Contains("credsStore 'desktop' (Docker Desktop) stays for other registries; credHelpers wins for " + _world.ActualHost));
    }

    [Test]
    public async Task A_malformed_config_is_never_overwritten_and_the_error_names_the_file_and_position()
    {
        var gcloud = _world.Gcloud(SandboxPrincipals.Deployer);
        var docker = _world.Docker(gcloud);
        const string broken = "{\n\t\"credHelpers\": {\n\t\t\"gcr.io\": \"gcloud\"\n\t\n}\n";
        File.WriteAllText(docker.ConfigFilePath, broken);

        var error = (await Assert.ThrowsAsync<DockerConfigMalformedException>(() =>
            EnsureDockerAuth.RunAsync(_world.Context(docker, gcloud), AuthWorld.Settings(AuthWorld.Canonical("sample-api")))))!;

        Assert.That(error.Message, Does.Contain(docker.ConfigFilePath).And.Contain("line 6"));
        Assert.That(File.ReadAllText(docker.ConfigFilePath), Is.EqualTo(broken));
        Assert.That(_world.Runner.Count, Is.Zero);
    }

    [Test]
    public async Task What_EnsureDockerAuth_writes_is_what_gcloud_configure_docker_considers_configured()
    {
        var gcloud = _world.Gcloud(SandboxPrincipals.Deployer);
        var ours = _world.Docker(gcloud);
        var theirs = _world.Docker(gcloud);
        await EnsureDockerAuth.RunAsync(_world.Context(ours, gcloud), AuthWorld.Settings(AuthWorld.Canonical("sample-api")).DisableAccessPreflight());

        await gcloud.ConfigureDockerAsync(theirs, _world.ActualHost);
        var ourWrite = File.GetLastWriteTimeUtc(ours.ConfigFilePath);
        var again = await gcloud.ConfigureDockerAsync(ours, _world.ActualHost);

        Assert.That(DockerConfigFile.InDirectory(ours.ConfigDirectory).Read().CredentialHelpers,
            Is.EquivalentTo(DockerConfigFile.InDirectory(theirs.ConfigDirectory).Read().CredentialHelpers));
        Assert.That(again.StandardError, Does.Contain("already"), "gcloud sees our entry as its own");
        Assert.That(File.GetLastWriteTimeUtc(ours.ConfigFilePath), Is.EqualTo(ourWrite));
    }
}
