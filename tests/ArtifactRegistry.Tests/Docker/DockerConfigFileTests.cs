using System.Runtime.Versioning;
using System.Text;
using System.Text.Json.Nodes;
using ArtifactRegistry.Docker;

namespace ArtifactRegistry.Tests.Docker;

public class DockerConfigFileTests
{
    // The config.json of the first seed article: configure-docker without arguments wrote only the gcr.io hosts.
    private const string SeedConfig = """
        {
          "credHelpers": {
            "asia.gcr.io": "gcloud",
            "eu.gcr.io": "gcloud",
            "gcr.io": "gcloud",
            "us.gcr.io": "gcloud"
          }
        }
        """;

    private const string RichConfig = """
        {
        	"auths": {
        		"https://index.docker.io/v1/": {
        			"auth": "dXNlcjpwYXNzd29yZA=="
        		},
        		"ghcr.io": {}
        	},
        	"psFormat": "table {{.ID}}",
        	"credsStore": "desktop",
        	"credHelpers": {
        		"123456789012.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login",
        		"gcr.io": "gcloud"
        	},
        	"currentContext": "colima",
        	"plugins": {"debug": {"hooks": "exec"}, "numbers": [1, 2.50, -3e2]},
        	"x-unknown-field-of-a-future-docker": null
        }
        """;

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("docker-config-test-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private DockerConfigFile ConfigWith(string json)
    {
        var file = DockerConfigFile.InDirectory(_directory);
        File.WriteAllText(file.Path, json);
        return file;
    }

    [Test]
    public void The_config_is_located_through_DOCKER_CONFIG_when_it_is_set()
    {
        var file = DockerConfigFile.Locate(name => name == "DOCKER_CONFIG" ? "/build/docker" : null, "/home/someone");

        Assert.That(file.Path, Is.EqualTo("/build/docker/config.json"));
    }

    [Test]
    public void Without_DOCKER_CONFIG_the_config_is_in_the_home_directory()
    {
        var file = DockerConfigFile.Locate(name => name == "DOCKER_CONFIG" ? "" : null, "/home/someone");

        Assert.That(file.Path, Is.EqualTo("/home/someone/.docker/config.json"));
    }

    [Test]
    public void Adding_the_regional_host_to_the_seed_config_keeps_the_gcr_hosts()
    {
        var file = ConfigWith(SeedConfig);

        var change = file.EnsureCredentialHelper(["asia-docker.pkg.dev"]);

        Assert.That(change.AddedHosts, Is.EqualTo(new[] { "asia-docker.pkg.dev" }));
        Assert.That(change.Written, Is.True);
        Assert.That(file.Read().CredentialHelpers, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["asia.gcr.io"] = "gcloud", ["eu.gcr.io"] = "gcloud", ["gcr.io"] = "gcloud", ["us.gcr.io"] = "gcloud",
            ["asia-docker.pkg.dev"] = "gcloud",
        }));
    }

    [Test]
    public void Only_the_requested_hosts_are_added_never_every_region()
    {
        var file = DockerConfigFile.InDirectory(_directory);

        file.EnsureCredentialHelper(["europe-west1-docker.pkg.dev", "us-docker.pkg.dev", "us-docker.pkg.dev"]);

        Assert.That(file.Read().CredentialHelpers.Keys, Is.EquivalentTo(new[] { "europe-west1-docker.pkg.dev", "us-docker.pkg.dev" }));
    }

    [Test]
    public void Every_other_field_entry_and_their_order_survive_an_edit()
    {
        var file = ConfigWith(RichConfig);

        file.EnsureCredentialHelper(["asia-docker.pkg.dev"]);

        var expected = JsonNode.Parse(RichConfig)!.AsObject();
        expected["credHelpers"]!.AsObject()["asia-docker.pkg.dev"] = "gcloud";
        var actual = JsonNode.Parse(File.ReadAllText(file.Path))!;
        Assert.That(actual.ToJsonString(), Is.EqualTo(expected.ToJsonString()), "same fields, same values, same order");
        Assert.That(File.ReadAllText(file.Path), Does.Contain("2.50").And.Contain("-3e2"), "numbers keep their spelling");
    }

    [Test]
    public void An_already_configured_host_causes_no_write_at_all()
    {
        var file = ConfigWith(SeedConfig.Replace("\"gcr.io\"", "\"asia-docker.pkg.dev\": \"gcloud\", \"gcr.io\""));
        var written = File.GetLastWriteTimeUtc(file.Path);
        var bytes = File.ReadAllBytes(file.Path);
        File.SetLastWriteTimeUtc(file.Path, written.AddHours(-1));

        var change = file.EnsureCredentialHelper(["asia-docker.pkg.dev", "gcr.io"]);

        Assert.That(change.Written, Is.False);
        Assert.That(change.AlreadyConfiguredHosts, Is.EquivalentTo(new[] { "asia-docker.pkg.dev", "gcr.io" }));
        Assert.That(File.GetLastWriteTimeUtc(file.Path), Is.EqualTo(written.AddHours(-1)), "the file was not rewritten");
        Assert.That(File.ReadAllBytes(file.Path), Is.EqualTo(bytes));
        Assert.That(Directory.GetFiles(_directory), Is.EqualTo(new[] { file.Path }), "no lock or temporary file was created");
    }

    [Test, Platform(Exclude = "Win", Reason = "Unix file modes and unprivileged symlinks")]
    [UnsupportedOSPlatform("windows")]
    public void A_written_config_is_readable_by_its_owner_only()
    {
        var file = ConfigWith(SeedConfig);
        File.SetUnixFileMode(file.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        file.EnsureCredentialHelper(["asia-docker.pkg.dev"]);

        Assert.That(File.GetUnixFileMode(file.Path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test, Platform(Exclude = "Win", Reason = "Unix file modes and unprivileged symlinks")]
    [UnsupportedOSPlatform("windows")]
    public void A_missing_config_and_directory_are_created_private()
    {
        var file = DockerConfigFile.Locate(_ => null, _directory);

        var change = file.EnsureCredentialHelper(["asia-docker.pkg.dev"]);

        Assert.That(change.AddedHosts, Is.EqualTo(new[] { "asia-docker.pkg.dev" }));
        Assert.That(File.GetUnixFileMode(file.Path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(Path.Combine(_directory, ".docker")),
            Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        Assert.That(File.ReadAllText(file.Path), Is.EqualTo("{\n\t\"credHelpers\": {\n\t\t\"asia-docker.pkg.dev\": \"gcloud\"\n\t}\n}\n"),
            "written the way docker writes it");
    }

    [Test]
    public void An_empty_file_is_an_empty_config_as_for_docker()
    {
        var file = ConfigWith("  \n");

        file.EnsureCredentialHelper(["asia-docker.pkg.dev"]);

        Assert.That(file.Read().CredentialHelperFor("asia-docker.pkg.dev"), Is.EqualTo("gcloud"));
    }

    [Test]
    public void A_credsStore_is_kept_and_reported_as_shadowed_for_the_hosts()
    {
        var file = ConfigWith("""{"auths": {}, "credsStore": "desktop"}""");

        var change = file.EnsureCredentialHelper(["asia-docker.pkg.dev"]);

        Assert.That(change.ShadowedCredentialsStore, Is.EqualTo("desktop"));
        Assert.That(file.Read().CredentialsStore, Is.EqualTo("desktop"));
        Assert.That(file.Read().CredentialHelperFor("asia-docker.pkg.dev"), Is.EqualTo("gcloud"));
    }

    [Test]
    public void Another_helper_for_the_same_host_is_replaced_and_reported()
    {
        var file = ConfigWith("""{"credHelpers": {"asia-docker.pkg.dev": "docker-credential-gcr", "quay.io": "quay"}}""");

        var change = file.EnsureCredentialHelper(["asia-docker.pkg.dev"]);

        Assert.That(change.ReplacedHelpers, Is.EquivalentTo(new Dictionary<string, string> { ["asia-docker.pkg.dev"] = "docker-credential-gcr" }));
        Assert.That(file.Read().CredentialHelpers["quay.io"], Is.EqualTo("quay"));
        Assert.That(file.Read().CredentialHelpers["asia-docker.pkg.dev"], Is.EqualTo("gcloud"));
    }

    [Test]
    public void A_malformed_config_is_never_overwritten_and_the_error_names_the_file_and_position()
    {
        const string broken = "{\n  \"credHelpers\": {\n    \"gcr.io\": \"gcloud\",\n  }\n}\n";
        var file = ConfigWith(broken);

        var error = Assert.Throws<DockerConfigMalformedException>(() => file.EnsureCredentialHelper(["asia-docker.pkg.dev"]))!;

        Assert.That(error.Line, Is.EqualTo(4));
        Assert.That(error.Column, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain(file.Path).And.Contain("line 4, column 3").And.Contain("left unchanged").And.Contain("json.tool"));
        Assert.That(error.Problem, Is.EqualTo("The JSON object contains a trailing comma at the end, which JSON does not allow: remove it."),
            "no advice meant for the programmer of the JSON reader");
        Assert.That(File.ReadAllText(file.Path), Is.EqualTo(broken));
        Assert.That(Directory.GetFiles(_directory), Is.EqualTo(new[] { file.Path }));
    }

    [TestCase("""["gcr.io"]""", "top level must be a JSON object")]
    [TestCase("""{"credHelpers": ["gcr.io"]}""", "'credHelpers' must be an object")]
    [TestCase("""{"credHelpers": {"gcr.io": true}}""", "'credHelpers.gcr.io' must be a string")]
    [TestCase("""{"credsStore": 1}""", "'credsStore' must be a string")]
    public void A_config_with_the_wrong_shape_is_refused_with_the_field_named(string json, string expected)
    {
        var file = ConfigWith(json);

        var error = Assert.Throws<DockerConfigMalformedException>(() => file.EnsureCredentialHelper(["asia-docker.pkg.dev"]))!;

        Assert.That(error.Message, Does.Contain(expected));
        Assert.That(File.ReadAllText(file.Path), Is.EqualTo(json));
    }

    [TestCase("https://asia-docker.pkg.dev")]
    [TestCase("asia-docker.pkg.dev/project")]
    [TestCase(" ")]
    public void A_host_with_a_scheme_or_path_is_refused(string host)
    {
        var file = DockerConfigFile.InDirectory(_directory);

        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => file.EnsureCredentialHelper([host]));
        Assert.That(file.Exists, Is.False);
    }

    [Test, Platform(Exclude = "Win", Reason = "Unix file modes and unprivileged symlinks")]
    [UnsupportedOSPlatform("windows")]
    public void A_symlinked_config_keeps_its_link_and_its_target_is_updated()
    {
        var dotfiles = Directory.CreateDirectory(Path.Combine(_directory, "dotfiles")).FullName;
        var target = Path.Combine(dotfiles, "docker-config.json");
        File.WriteAllText(target, SeedConfig);
        var docker = Directory.CreateDirectory(Path.Combine(_directory, "docker")).FullName;
        var link = Path.Combine(docker, "config.json");
        File.CreateSymbolicLink(link, target);

        DockerConfigFile.InDirectory(docker).EnsureCredentialHelper(["asia-docker.pkg.dev"]);

        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(target));
        Assert.That(File.ReadAllText(target), Does.Contain("asia-docker.pkg.dev"));
    }

    [Test]
    public void Concurrent_edits_of_different_hosts_all_end_up_in_a_valid_file()
    {
        var file = ConfigWith(RichConfig);
        var hosts = Enumerable.Range(0, 24).Select(i => $"region{i}-docker.pkg.dev").ToList();

        Parallel.ForEach(hosts, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            host => DockerConfigFile.InDirectory(_directory).EnsureCredentialHelper([host]));

        var helpers = file.Read().CredentialHelpers;
        Assert.That(hosts, Is.SubsetOf(helpers.Keys));
        Assert.That(helpers["123456789012.dkr.ecr.eu-west-1.amazonaws.com"], Is.EqualTo("ecr-login"));
        Assert.That(Directory.GetFiles(_directory).Select(Path.GetFileName), Is.EquivalentTo(new[] { "config.json", "config.json.lock" }),
            "no temporary file is left behind");
    }

    [Test]
    public void A_config_written_by_someone_else_between_read_and_write_is_not_lost()
    {
        // gcloud and docker login do not take the lock; the re-read under the lock is what protects their entries.
        var file = ConfigWith(SeedConfig);
        var config = file.Read();
        File.WriteAllText(file.Path, """{"auths": {"ghcr.io": {"auth": "eDp5"}}}""");

        file.EnsureCredentialHelper(["asia-docker.pkg.dev"]);

        Assert.That(config.CredentialHelpers, Has.Count.EqualTo(4));
        Assert.That(file.Read().AuthenticatedHosts, Is.EqualTo(new[] { "ghcr.io" }));
        Assert.That(file.Read().CredentialHelpers.Keys, Is.EqualTo(new[] { "asia-docker.pkg.dev" }));
    }

    [Test]
    public void Temporary_files_of_a_writer_killed_mid_write_are_cleaned_up_by_the_next_write()
    {
        var file = ConfigWith(SeedConfig);
        var abandoned = Path.Combine(_directory, ".config.json.0badc0ffee00.tmp");
        File.WriteAllText(abandoned, "{\"credHel");

        file.EnsureCredentialHelper(["asia-docker.pkg.dev"]);

        Assert.That(File.Exists(abandoned), Is.False);
        Assert.That(file.Read().CredentialHelperFor("asia-docker.pkg.dev"), Is.EqualTo("gcloud"));
    }

    [Test]
    public void A_lock_held_too_long_by_another_build_ends_in_a_busy_error()
    {
        var file = ConfigWith(SeedConfig);
        using var other = new FileStream(file.Path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var error = Assert.Throws<DockerConfigBusyException>(
            () => file.EnsureCredentialHelper(["asia-docker.pkg.dev"], lockTimeout: TimeSpan.FromMilliseconds(200)))!;

        Assert.That(error.Message, Does.Contain(file.Path).And.Contain("another process"));
        Assert.That(File.ReadAllText(file.Path), Is.EqualTo(SeedConfig));
    }

    [Test]
    public void The_config_text_is_utf8_and_keeps_non_ascii_values()
    {
        var file = ConfigWith("""{"detachKeys": "ctrl-é", "credHelpers": {}}""");

        file.EnsureCredentialHelper(["asia-docker.pkg.dev"]);

        Assert.That(JsonNode.Parse(File.ReadAllText(file.Path, Encoding.UTF8))!["detachKeys"]!.GetValue<string>(), Is.EqualTo("ctrl-é"));
    }
}
