using System.Net;
using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Rest;

public class PaginationTests
{
    private const string Name = "sample-project/sample/sample-api";
    private const string Images = "v1/projects/sample-project/locations/asia/repositories/sample/dockerImages";
    private TestSandbox _sandbox = null!;
    private List<string> _digests = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _sandbox = await TestSandbox.StartAsync();
        _digests = [];
        for (var i = 0; i < 7; i++)
            _digests.Add((await _sandbox.PushAsync(TestImage.Create("page " + i), Name)).Digest);
        _digests.Sort(StringComparer.Ordinal);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    [Test]
    public async Task Following_next_page_tokens_visits_every_item_once()
    {
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var answer = await _sandbox.GetAsync(Images + "?pageSize=3" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token)), SandboxPrincipals.Deployer);
            seen.AddRange(answer.Json["dockerImages"]!.AsArray().Select(i => i!["uri"]!.GetValue<string>().Split('@')[1]));
            token = answer.Json["nextPageToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(_digests));
            Assert.That(pages, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task A_page_size_above_1000_is_capped_not_refused()
    {
        var answer = await _sandbox.GetAsync(Images + "?pageSize=5000", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(answer.Json["dockerImages"]!.AsArray(), Has.Count.EqualTo(7));
            Assert.That(answer.Json["nextPageToken"], Is.Null);
        });
    }

    [Test]
    public async Task A_token_from_another_query_is_refused()
    {
        var first = await _sandbox.GetAsync(Images + "?pageSize=2", SandboxPrincipals.Deployer);
        var token = first.Json["nextPageToken"]!.GetValue<string>();

        var answer = await _sandbox.GetAsync($"v1/{TestSandbox.RepositoryResource}/packages/sample-api/versions?pageSize=2&pageToken={Uri.EscapeDataString(token)}", SandboxPrincipals.Deployer);
        var garbage = await _sandbox.GetAsync(Images + "?pageToken=garbage", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(answer.GoogleError, Is.EqualTo((400, "INVALID_ARGUMENT", "Invalid page token.")));
            Assert.That(garbage.GoogleError.Status, Is.EqualTo("INVALID_ARGUMENT"));
        });
    }

    [Test]
    public async Task Versions_and_packages_page_the_same_way()
    {
        var versions = await _sandbox.GetAsync($"v1/{TestSandbox.RepositoryResource}/packages/sample-api/versions?pageSize=5", SandboxPrincipals.Deployer);
        var rest = await _sandbox.GetAsync($"v1/{TestSandbox.RepositoryResource}/packages/sample-api/versions?pageSize=5&pageToken={Uri.EscapeDataString(versions.Json["nextPageToken"]!.GetValue<string>())}", SandboxPrincipals.Deployer);

        Assert.That(versions.Json["versions"]!.AsArray().Count + rest.Json["versions"]!.AsArray().Count, Is.EqualTo(7));
    }
}
