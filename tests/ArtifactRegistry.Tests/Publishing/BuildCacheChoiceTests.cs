using ArtifactRegistry.Docker;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.References;
using ArtifactRegistry.Tests.Processes;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Tests.Publishing;

/// <summary>Which registry cache a build reads and writes, decided before it starts.</summary>
public sealed class BuildCacheChoiceTests
{
    private const string Mapped = "127.0.0.1:5000";
    private static readonly ImageReference Image = ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/app");
    private static readonly RegistryHostMap HostMap = RegistryHostMap.Parse($"asia-docker.pkg.dev={Mapped}");
    private static readonly string[] DefaultTags = ["abc1234", "latest"];

    private CapturingLogger _log = null!;

    [SetUp]
    public void NewLog() => _log = new CapturingLogger();

    [Test]
    public void By_default_the_build_reads_the_images_own_latest_where_docker_finds_it()
    {
        var cache = Decide(new ImageBuildSettings(), BuildCacheClient.Legacy);

        Assert.That(cache!.From, Is.EqualTo($"{Mapped}/my-project/repo/app:latest"));
        Assert.That(cache.To, Is.Null, "buildx would write the inline cache");
        Assert.That(cache.Origin, Does.Contain("latest"));
    }

    [Test]
    public void No_cache_means_no_cache_at_all_and_says_so()
    {
        var cache = Decide(new ImageBuildSettings().EnableNoCache().SetCacheFrom("asia-docker.pkg.dev/my-project/repo/app:buildcache"), BuildCacheClient.Legacy);

        Assert.That(cache, Is.Null);
        Assert.That(_log.AllText, Does.Contain("Build cache: off (NoCache)"));
    }

    [Test]
    public void A_cache_image_given_is_read_instead_of_latest()
    {
        var cache = Decide(new ImageBuildSettings().SetCacheFrom("asia-docker.pkg.dev/my-project/repo/app:buildcache"), BuildCacheClient.Legacy);

        Assert.That(cache!.From, Is.EqualTo($"{Mapped}/my-project/repo/app:buildcache"));
    }

    [Test]
    public void With_buildx_an_image_to_write_the_cache_to_becomes_a_registry_cache_that_is_read_back()
    {
        var cache = Decide(new ImageBuildSettings().SetCacheTo("asia-docker.pkg.dev/my-project/repo/app:buildcache"), BuildCacheClient.Buildx);

        Assert.That(cache!.To, Is.EqualTo($"type=registry,ref={Mapped}/my-project/repo/app:buildcache,mode=max"));
        Assert.That(cache.From, Is.EqualTo($"type=registry,ref={Mapped}/my-project/repo/app:buildcache"));
    }

    [Test]
    public void A_multi_platform_build_writes_no_registry_cache_export_that_each_platform_would_overwrite_and_keeps_reading_it()
    {
        var cache = Decide(new ImageBuildSettings().SetCacheTo("asia-docker.pkg.dev/my-project/repo/app:buildcache"), BuildCacheClient.Buildx);
        var inline = Decide(new ImageBuildSettings(), BuildCacheClient.Buildx);

        var platforms = BuildCacheChoice.ForPlatformsBuiltApart(cache, _log);

        Assert.That(platforms!.To, Is.Null, "each platform's image carries its cache inline");
        Assert.That(platforms.From, Is.EqualTo(cache!.From));
        Assert.That(_log.AllText, Does.Contain("not written for a multi-platform build"));
        Assert.That(BuildCacheChoice.ForPlatformsBuiltApart(inline, _log), Is.SameAs(inline));
        Assert.That(BuildCacheChoice.ForPlatformsBuiltApart(null, _log), Is.Null, "NoCache stays off");
    }

    [Test]
    public void A_buildx_cache_source_reaches_buildx_with_its_image_mapped()
    {
        var cache = Decide(new ImageBuildSettings().SetCacheFrom("type=registry,ref=asia-docker.pkg.dev/my-project/repo/app:buildcache"), BuildCacheClient.Buildx);

        Assert.That(cache!.From, Is.EqualTo($"type=registry,ref={Mapped}/my-project/repo/app:buildcache"));
    }

    [Test]
    public void The_legacy_builder_reads_the_image_of_a_registry_cache_source_and_warns_about_other_sources()
    {
        var registry = Decide(new ImageBuildSettings().SetCacheFrom("type=registry,ref=asia-docker.pkg.dev/my-project/repo/app:buildcache"), BuildCacheClient.Legacy);
        var gha = Decide(new ImageBuildSettings().SetCacheFrom("type=gha"), BuildCacheClient.Legacy);

        Assert.That(registry!.From, Is.EqualTo($"{Mapped}/my-project/repo/app:buildcache"));
        Assert.That(gha!.From, Is.Null);
        Assert.That(_log.Entries.Single(entry => entry.Level == LogLevel.Warning).Text, Does.Contain("type=gha is a buildx cache source"));
    }

    [Test]
    public void A_cache_destination_is_ignored_with_a_warning_by_a_builder_that_cannot_write_one()
    {
        var cache = Decide(new ImageBuildSettings().SetCacheTo("asia-docker.pkg.dev/my-project/repo/app:buildcache"), BuildCacheClient.Legacy);

        Assert.That(cache!.To, Is.Null);
        Assert.That(cache.From, Is.EqualTo($"{Mapped}/my-project/repo/app:latest"), "the pushed image is still the cache");
        Assert.That(_log.Entries.Single(entry => entry.Level == LogLevel.Warning).Text, Does.Contain("only buildx writes a cache apart from the image"));
    }

    [Test]
    public void With_immutable_tags_no_tag_moves_so_the_build_reads_no_registry_cache_and_says_how_to_name_one()
    {
        var cache = BuildCacheChoice.Decide(new ImageBuildSettings(), BuildCacheClient.Legacy, Image, ["abc1234"], immutableTags: true, HostMap, _log);

        Assert.That(cache!.From, Is.Null);
        Assert.That(_log.Entries.Single(entry => entry.Level == LogLevel.Information).Text,
            Does.Contain("has immutable tags").And.Contain("SetCacheFrom(\"asia-docker.pkg.dev/my-project/repo/app:TAG\")"));
    }

    [Test]
    public void With_immutable_tags_a_cache_image_given_is_still_read()
    {
        var cache = BuildCacheChoice.Decide(
            new ImageBuildSettings().SetCacheFrom("asia-docker.pkg.dev/my-project/repo/app:abc1233"), BuildCacheClient.Legacy, Image, ["abc1234"], immutableTags: true, HostMap, _log);

        Assert.That(cache!.From, Is.EqualTo($"{Mapped}/my-project/repo/app:abc1233"));
    }

    [TestCase("Error response from daemon: manifest for 127.0.0.1:5000/p/r/app:latest not found: manifest unknown: manifest unknown", "Missing")]
    [TestCase("Error response from daemon: pull access denied for 127.0.0.1:5000/p/r/app, repository does not exist or may require 'docker login': denied: Permission \"artifactregistry.repositories.downloadArtifacts\" denied", "Refused")]
    [TestCase("Error response from daemon: Head \"https://127.0.0.1:5000/v2/p/r/app/manifests/latest\": unauthorized: authentication required", "Refused")]
    [TestCase("Error response from daemon: Get \"https://127.0.0.1:5000/v2/\": dial tcp 127.0.0.1:5000: connect: connection refused", "Other")]
    [TestCase("no matching manifest for linux/arm64/v8 in the manifest list entries", "Missing")]
    public void A_failed_cache_pull_is_told_apart_by_dockers_words(string standardError, string expected) =>
        Assert.That(DockerCachePullFailures.Classify(standardError).ToString(), Is.EqualTo(expected));

    private BuildCache? Decide(ImageBuildSettings settings, BuildCacheClient client) =>
        BuildCacheChoice.Decide(settings, client, Image, DefaultTags, immutableTags: false, HostMap, _log);
}
