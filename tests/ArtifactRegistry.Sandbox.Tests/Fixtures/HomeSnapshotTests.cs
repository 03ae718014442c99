using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Isolation;

namespace ArtifactRegistry.Sandbox.Tests.Fixtures;

public sealed class HomeSnapshotTests
{
    private TempDirectory _home = null!;

    [SetUp]
    public void Create() => _home = TempDirectory.Create("ard-snap-");

    [TearDown]
    public void Delete() => _home.Dispose();

    [Test]
    public void Files_and_folders_that_appear_change_or_vanish_in_the_watched_folders_are_each_reported()
    {
        _home.WriteFile(".kube/config", "kept");
        _home.WriteFile(".config/gcloud/active_config", "default");
        _home.WriteFile(".docker/config.json", "{}");
        var before = HomeSnapshot.Take(_home.Path);

        _home.WriteFile(".kube/gke_gcloud_auth_plugin_cache", "{\"access_token\":\"x\"}");
        Directory.CreateDirectory(_home.Combine(".cache", "empty"));
        // A different size: two writes within one clock tick may share a write time.
        _home.WriteFile(".config/gcloud/active_config", "another-config");
        File.Delete(_home.Combine(".docker", "config.json"));

        var changes = HomeSnapshot.Take(_home.Path).ChangesSince(before);

        Assert.That(changes, Has.Count.EqualTo(5), string.Join(Environment.NewLine, changes));
        Assert.Multiple(() =>
        {
            Assert.That(changes[0], Is.EqualTo("appeared: .cache (folder)"));
            Assert.That(changes[1], Is.EqualTo("appeared: .cache/empty (folder)"));
            Assert.That(changes[2], Does.StartWith("changed: .config/gcloud/active_config (7 bytes, written ").And.Contain(" -> 14 bytes, written "));
            Assert.That(changes[3], Is.EqualTo("vanished: .docker/config.json"));
            Assert.That(changes[4], Does.StartWith("appeared: .kube/gke_gcloud_auth_plugin_cache (20 bytes, written "));
        });
    }

    [Test]
    public void NuGets_folders_and_folders_outside_the_watched_ones_are_not_reported()
    {
        var before = HomeSnapshot.Take(_home.Path);

        _home.WriteFile(".local/share/NuGet/http-cache/index.json", "{}");
        _home.WriteFile(".nuget/packages/some.package/1.0.0/some.package.nupkg", "zip");
        _home.WriteFile(".dotnet/10.0.100.dotnetFirstUseSentinel", "");
        _home.WriteFile(".bashrc", "# a shell setting");

        Assert.That(HomeSnapshot.Take(_home.Path).ChangesSince(before), Is.Empty);
    }

    [Test]
    public void A_file_next_to_NuGets_folder_is_reported()
    {
        var before = HomeSnapshot.Take(_home.Path);

        _home.WriteFile(".local/share/containers/auth.json", "{}");

        var changes = HomeSnapshot.Take(_home.Path).ChangesSince(before);

        Assert.That(changes, Has.Count.EqualTo(2), string.Join(Environment.NewLine, changes));
        Assert.That(changes[0], Is.EqualTo("appeared: .local/share/containers (folder)"));
        Assert.That(changes[1], Does.StartWith("appeared: .local/share/containers/auth.json (2 bytes, written "));
    }
}
