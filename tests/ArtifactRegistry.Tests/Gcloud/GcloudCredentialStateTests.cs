using ArtifactRegistry.Gcloud;

namespace ArtifactRegistry.Tests.Gcloud;

public class GcloudCredentialStateTests
{
    private string _home = null!;

    [SetUp]
    public void Create() => _home = Directory.CreateTempSubdirectory("gcloud-state-").FullName;

    [TearDown]
    public void Delete() => Directory.Delete(_home, recursive: true);

    private void WriteConfiguration(string name, string content, string? active = null)
    {
        var directory = Path.Combine(_home, ".config", "gcloud");
        Directory.CreateDirectory(Path.Combine(directory, "configurations"));
        if (active is not null)
            File.WriteAllText(Path.Combine(directory, "active_config"), active);
        File.WriteAllText(Path.Combine(directory, "configurations", $"config_{name}"), content);
    }

    [Test]
    public void The_account_of_the_active_configuration_is_read_without_running_gcloud()
    {
        WriteConfiguration("ci", "[core]\nproject = p\naccount = ci@p.iam.gserviceaccount.com\n\n[artifacts]\nlocation = asia\n", active: "ci");

        var state = GcloudCredentialState.Read(_ => null, _home);

        Assert.That(state.HasCredentials, Is.True);
        Assert.That(state.Account, Is.EqualTo("ci@p.iam.gserviceaccount.com"));
    }

    [Test]
    public void An_account_in_another_section_or_configuration_does_not_count()
    {
        WriteConfiguration("default", "[artifacts]\naccount = not-core@example.com\n");
        WriteConfiguration("other", "[core]\naccount = other@example.com\n");

        var state = GcloudCredentialState.Read(_ => null, _home);

        Assert.That(state.HasCredentials, Is.False);
        Assert.That(state.Source, Does.Contain("no account in").And.Contain("config_default"));
    }

    [Test]
    public void An_access_token_in_the_environment_counts_as_credentials()
    {
        var state = GcloudCredentialState.Read(name => name == "CLOUDSDK_AUTH_ACCESS_TOKEN" ? "ya29.x" : null, _home);

        Assert.That(state.HasCredentials, Is.True);
        Assert.That(state.Source, Is.EqualTo("CLOUDSDK_AUTH_ACCESS_TOKEN"), "the source is named, never the token");
    }

    [Test]
    public void CLOUDSDK_CONFIG_and_CLOUDSDK_ACTIVE_CONFIG_NAME_are_honoured()
    {
        var config = Path.Combine(_home, "elsewhere");
        Directory.CreateDirectory(Path.Combine(config, "configurations"));
        File.WriteAllText(Path.Combine(config, "configurations", "config_build"), "[core]\naccount = person@example.com\n");

        var state = GcloudCredentialState.Read(name => name switch
        {
            "CLOUDSDK_CONFIG" => config,
            "CLOUDSDK_ACTIVE_CONFIG_NAME" => "build",
            _ => null,
        }, _home);

        Assert.That(state.Account, Is.EqualTo("person@example.com"));
    }
}
