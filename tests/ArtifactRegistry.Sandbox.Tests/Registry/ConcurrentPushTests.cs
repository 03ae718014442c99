using System.Net;
using System.Text;
using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Registry;

/// <summary>Many clients pushing into one package at once, as parallel CI jobs do: nothing may be lost or counted twice.</summary>
public class ConcurrentPushTests
{
    private const string Name = "sample-project/sample/busy";
    private const int Pushers = 24;

    [Test]
    public async Task Concurrent_pushes_into_one_package_all_land_and_rest_lists_exactly_them()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var shared = Encoding.UTF8.GetBytes("a base layer every pusher uploads at the same time");
        var images = Enumerable.Range(0, Pushers).Select(i => TestImage.Create("pusher " + i)).ToList();

        await Task.WhenAll(images.Select((image, i) => Task.Run(async () =>
        {
            var blob = await sandbox.PushBlobAsync(SandboxPrincipals.Deployer, Name, shared);
            Assert.That(blob.Status, Is.EqualTo(HttpStatusCode.Created), blob.ToString());
            await sandbox.PushAsync(image, Name, "t" + i);
            var latest = await sandbox.PushManifestAsync(SandboxPrincipals.Deployer, Name, "latest", image.Manifest, image.MediaType);
            Assert.That(latest.Status, Is.EqualTo(HttpStatusCode.Created), latest.ToString());
        })));

        var versions = await sandbox.GetAsync(TestSandbox.PackagePath("busy") + "/versions?pageSize=1000", SandboxPrincipals.Deployer);
        var tags = await sandbox.GetAsync(TestSandbox.PackagePath("busy") + "/tags?pageSize=1000", SandboxPrincipals.Deployer);
        var repository = await sandbox.GetAsync("v1/" + TestSandbox.RepositoryResource, SandboxPrincipals.Deployer);
        var latestTarget = tags.Json["tags"]!.AsArray().Single(t => t!["name"]!.GetValue<string>().EndsWith("/tags/latest", StringComparison.Ordinal))!["version"]!.GetValue<string>();

        Assert.Multiple(() =>
        {
            Assert.That(versions.Json["versions"]!.AsArray().Select(v => v!["name"]!.GetValue<string>().Split('/')[^1]),
                Is.EquivalentTo(images.Select(i => i.Digest)));
            Assert.That(tags.Json["tags"]!.AsArray(), Has.Count.EqualTo(Pushers + 1));
            Assert.That(images.Select(i => i.Digest), Does.Contain(latestTarget.Split('/')[^1]), "latest points at one of the pushed manifests");
            Assert.That(long.Parse(repository.Json["sizeBytes"]!.GetValue<string>()),
                Is.EqualTo(shared.Length + images.Sum(i => (long)i.Config.Length + i.Layer.Length + i.Manifest.Length)),
                "the shared blob is counted once, every pushed blob and manifest once");
        });
    }
}
