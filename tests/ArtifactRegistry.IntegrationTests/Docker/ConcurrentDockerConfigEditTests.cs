using System.Text.Json.Nodes;
using ArtifactRegistry.Docker;

namespace ArtifactRegistry.IntegrationTests.Docker;

/// <summary>Two builds, as two real processes, editing one docker config; and a writer killed in the middle of writing.</summary>
[Platform(Include = "Linux", Reason = "SIGKILL of a child process and Unix file modes")]
public class ConcurrentDockerConfigEditTests
{
    private const string Original = """
        {
        	"auths": {"https://index.docker.io/v1/": {}, "ghcr.io": {"auth": "dXNlcjpwYXNz"}},
        	"credsStore": "desktop",
        	"credHelpers": {"gcr.io": "gcloud", "123456789012.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login"},
        	"x-future-field": {"nested": [1, 2, 3]}
        }
        """;

    private string _directory = null!;

    [SetUp]
    public void Create()
    {
        _directory = Directory.CreateTempSubdirectory("docker-config-it-").FullName;
        File.WriteAllText(Path.Combine(_directory, "config.json"), Original);
    }

    [TearDown]
    public void Delete() => Directory.Delete(_directory, recursive: true);

    [Test]
    [CancelAfter(180_000)]
    public async Task Two_processes_adding_hosts_at_once_both_end_up_in_one_valid_file()
    {
        using var first = DockerConfigEditorProcess.Start(_directory, "first", "15");
        using var second = DockerConfigEditorProcess.Start(_directory, "second", "15");

        await first.WaitAsync(TimeSpan.FromMinutes(2));
        await second.WaitAsync(TimeSpan.FromMinutes(2));

        var config = DockerConfigFile.InDirectory(_directory).Read();
        var expected = Enumerable.Range(0, 15).SelectMany(i => new[] { $"first{i}-docker.pkg.dev", $"second{i}-docker.pkg.dev" });
        Assert.That(expected, Is.SubsetOf(config.CredentialHelpers.Keys));
        AssertOriginalKept(config);
        Assert.That(File.GetUnixFileMode(config.Path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task A_writer_killed_at_any_moment_leaves_a_readable_config_with_everything_it_had()
    {
        // A big file makes each write long enough for the kills to land inside writes, not only between them.
        var big = JsonNode.Parse(Original)!.AsObject();
        var auths = big["auths"]!.AsObject();
        for (var i = 0; i < 20_000; i++)
            auths[$"registry{i}.example.com"] = new JsonObject { ["auth"] = Convert.ToBase64String(BitConverter.GetBytes(i)) };
        File.WriteAllText(Path.Combine(_directory, "config.json"), big.ToJsonString());
        var random = new Random(20250601);

        for (var round = 0; round < 6; round++)
        {
            using var writer = DockerConfigEditorProcess.Start(_directory, $"round{round}-", "forever");
            Assert.That(await writer.FirstLineAsync(), Is.EqualTo("ready"));
            await Task.Delay(random.Next(5, 120));
            await writer.KillAsync();

            var config = DockerConfigFile.InDirectory(_directory).Read();
            AssertOriginalKept(config);
            Assert.That(config.AuthenticatedHosts, Has.Count.EqualTo(20_002), $"round {round}");
            Assert.That(config.CredentialHelpers.Keys, Does.Contain($"round{round}-0-docker.pkg.dev"));
        }

        // The next edit (the next build) removes what the killed writers left behind.
        DockerConfigFile.InDirectory(_directory).EnsureCredentialHelper(["asia-docker.pkg.dev"]);
        Assert.That(Directory.GetFiles(_directory).Select(Path.GetFileName), Is.EquivalentTo(new[] { "config.json", "config.json.lock" }));
    }

    private static void AssertOriginalKept(DockerConfig config)
    {
        Assert.That(config.CredentialsStore, Is.EqualTo("desktop"));
        Assert.That(config.CredentialHelpers["123456789012.dkr.ecr.eu-west-1.amazonaws.com"], Is.EqualTo("ecr-login"));
        Assert.That(config.AuthenticatedHosts, Does.Contain("ghcr.io"));
        var json = JsonNode.Parse(File.ReadAllText(config.Path))!;
        Assert.That(json["x-future-field"]!["nested"]!.ToJsonString(), Is.EqualTo("[1,2,3]"));
    }
}
