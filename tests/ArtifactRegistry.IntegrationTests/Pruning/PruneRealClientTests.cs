using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ArtifactRegistry.Pruning;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.Gcloud;

namespace ArtifactRegistry.IntegrationTests.Pruning;

/// <summary>Images pushed by the real docker CLI, pruned, and the real gcloud's listing compared with the prune's report.</summary>
public sealed partial class PruneRealClientTests
{
    private PruneWorld _world = null!;

    [SetUp]
    public async Task Start() => _world = await PruneWorld.StartAsync();

    [TearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [Test]
    public async Task A_tag_moved_by_a_second_docker_push_leaves_an_untagged_version_that_prune_deletes_and_gcloud_agrees()
    {
        var engine = await PrivateDockerd.SharedAsync();
        using var docker = engine.CreateClient();
        var host = _world.Sandbox.RegistryHost("asia");
        (await docker.RunAsync(["login", "-u", "oauth2accesstoken", "--password-stdin", host],
            standardInput: _world.Sandbox.IssueAccessToken(SandboxPrincipals.Admin, TimeSpan.FromDays(3650)))).EnsureSuccess();
        var reference = $"{host}/{PruneWorld.Project}/{PruneWorld.Repository}/web:v1";
        var run = Guid.NewGuid();
        await ScratchImage.BuildAsync(engine, $"first {run}", reference);
        var first = PushedDigest((await docker.RunAsync("push", reference)).EnsureSuccess().StandardOutput);
        await ScratchImage.BuildAsync(engine, $"second {run}", reference);
        var second = PushedDigest((await docker.RunAsync("push", reference)).EnsureSuccess().StandardOutput);
        var seeded = await _world.PushAsync("web", "seeded through the registry API", 3);

        var result = await PruneUntagged.RunAsync(_world.Context(), s => s.SetImages(PruneWorld.Canonical("web")));
        var listed = await GcloudImagesAsync("web");

        Assert.Multiple(() =>
        {
            Assert.That(result.Plan.Deletions.Select(d => d.Version.Digest.ToString()), Is.EquivalentTo(new[] { first, seeded.ToString() }));
            Assert.That(result.Deleted, Is.EqualTo(2));
            Assert.That(listed.Keys, Is.EquivalentTo(result.Plan.Decisions.Where(d => !d.Delete).Select(d => d.Version.Digest.ToString())),
                "gcloud lists exactly what the report kept");
            Assert.That(listed[second], Is.EqualTo(new[] { "v1" }));
        });
    }

    /// <summary>The real gcloud's <c>artifacts docker images list IMAGE --include-tags</c>: digest → tags.</summary>
    private async Task<Dictionary<string, string[]>> GcloudImagesAsync(string image)
    {
        using var gcloud = GcloudCli.Create()
            .WithProject(PruneWorld.Project)
            .WithArtifactRegistryEndpoint(_world.Sandbox.ApiEndpoint)
            .WithAccessToken(_world.Sandbox.IssueAccessToken(SandboxPrincipals.Admin, TimeSpan.FromDays(3650)));
        var listing = await gcloud.JsonAsync("artifacts", "docker", "images", "list", PruneWorld.Canonical(image), "--include-tags");
        return listing.AsArray().ToDictionary(
            entry => entry!["version"]!.GetValue<string>(),
            entry => entry!["tags"] switch
            {
                JsonArray array => array.Select(tag => tag!.GetValue<string>()).ToArray(),
                JsonValue value => value.GetValue<string>().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                _ => [],
            });
    }

    private static string PushedDigest(string pushOutput)
    {
        var match = DigestLine().Match(pushOutput);
        Assert.That(match.Success, Is.True, $"no digest line in docker push output: {pushOutput}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"digest: (sha256:[0-9a-f]{64}) size: \d+")]
    private static partial Regex DigestLine();
}
