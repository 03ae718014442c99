using System.Text;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Tests.Support;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Sandbox.Tests.RealClients;

/// <summary>
/// A repository with immutable tags as a real registry client meets it: skopeo may push a tag once, and the same digest
/// again, but a PUT of another digest under the tag is refused.
/// </summary>
public class ImmutableTagsSkopeoTests
{
    private TestSandbox _sandbox = null!;
    private TempDirectory _folder = null!;
    private string _authFile = null!;

    private string Host => _sandbox.Server.RegistryHost("asia");

    [SetUp]
    public async Task Start()
    {
        Testing.Prerequisites.RequireProgram("skopeo");
        _sandbox = await TestSandbox.StartAsync();
        _folder = TempDirectory.Create("ar-sandbox-tests-");
        _authFile = _folder.Combine("auth.json");
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("oauth2accesstoken:" + _sandbox.Server.IssueAccessToken(SandboxPrincipals.Admin)));
        await File.WriteAllTextAsync(_authFile, new JsonObject { ["auths"] = new JsonObject { [Host] = new JsonObject { ["auth"] = auth } } }.ToJsonString());
        File.SetUnixFileMode(_authFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _sandbox.Server.CreateRepository("sample-project", "asia", "frozen", immutableTags: true);
    }

    [TearDown]
    public async Task Stop()
    {
        _folder.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Test]
    public async Task Skopeo_pushes_a_tag_once_and_the_same_digest_again_but_not_another_digest_under_it()
    {
        var first = await _sandbox.PushAsync("frozen first", tag: "first");
        await _sandbox.PushAsync("frozen second", tag: "second");

        var pushed = await CopyToFrozenV1("first");
        var again = await CopyToFrozenV1("first");
        var moved = await CopyToFrozenV1("second");
        var tag = await _sandbox.GetAsync("v1/projects/sample-project/locations/asia/repositories/frozen/packages/sample-api/tags/v1", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(pushed.Succeeded, Is.True, pushed.StandardError);
            Assert.That(again.Succeeded, Is.True, "the same digest under its tag is no move: " + again.StandardError);
            Assert.That(moved.Succeeded, Is.False, "another digest under an immutable tag");
            Assert.That(moved.StandardError, Does.Contain("tag invalid").And.Contain("v1").And.Contain("cannot be moved or deleted: the repository has immutable tags"));
            Assert.That(tag.Json["version"]!.GetValue<string>(), Does.EndWith("/versions/" + first.Digest), "v1 still names the first image");
        });
    }

    private Task<CommandResult> CopyToFrozenV1(string sourceTag) =>
        ExternalProgram.RunAsync("skopeo",
            ["copy", "--authfile", _authFile, "--preserve-digests", "--src-tls-verify=false", "--dest-tls-verify=false",
             $"docker://{Host}/sample-project/sample/sample-api:{sourceTag}", $"docker://{Host}/sample-project/frozen/sample-api:v1"],
            new Dictionary<string, string> { ["HOME"] = _folder.Path, ["XDG_RUNTIME_DIR"] = _folder.Path, ["XDG_CONFIG_HOME"] = _folder.Combine("config") });
}
