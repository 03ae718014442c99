using ArtifactRegistry.Docker;

namespace ArtifactRegistry.Tests.Docker;

/// <summary>The cache arguments each build front end gets, inside the whole <c>docker build</c> command line.</summary>
public sealed class BuildCacheArgumentsTests
{
    private const string CacheImage = "127.0.0.1:5000/p/r/app:latest";

    private static readonly ImageBuildSettings Settings = new ImageBuildSettings().SetContextDirectory("/src/app");
    private static readonly string[] Names = ["127.0.0.1:5000/p/r/app:abc1234"];
    private static readonly Dictionary<string, string> Labels = [];
    private static readonly BuildCache Cache = new(CacheImage, null, "the image's latest");

    [Test]
    public void The_legacy_builder_reads_the_pulled_image_and_writes_nothing_else()
    {
        var arguments = Arguments(Settings, DockerBuilder.Legacy, Cache);

        Assert.That(Pairs(arguments, "--cache-from"), Is.EqualTo(new[] { CacheImage }));
        Assert.That(arguments, Has.None.Contains("--cache-to").And.None.Contains("BUILDKIT_INLINE_CACHE"));
    }

    [Test]
    public void Buildx_reads_the_image_and_writes_the_inline_cache_by_default()
    {
        var arguments = Arguments(Settings, DockerBuilder.Buildx, Cache);

        Assert.That(Pairs(arguments, "--cache-from"), Is.EqualTo(new[] { CacheImage }));
        Assert.That(Pairs(arguments, "--cache-to"), Is.EqualTo(new[] { "type=inline" }));
    }

    [Test]
    public void Buildx_writes_a_registry_cache_when_given_one()
    {
        var arguments = Arguments(Settings, DockerBuilder.Buildx, Cache with { To = "type=registry,ref=127.0.0.1:5000/p/r/app:buildcache,mode=max" });

        Assert.That(Pairs(arguments, "--cache-to"), Is.EqualTo(new[] { "type=registry,ref=127.0.0.1:5000/p/r/app:buildcache,mode=max" }));
    }

    [Test]
    public void The_built_in_BuildKit_client_writes_the_inline_cache_through_its_build_argument()
    {
        var arguments = new ArtifactRegistry.Processes.ArgumentsBuilder();
        Cache.AddArguments(arguments, BuildCacheClient.BuiltInBuildKit);
        var values = arguments.Build().Select(a => a.Value).ToList();

        Assert.That(values, Is.EqualTo(new[] { "--build-arg", "BUILDKIT_INLINE_CACHE=1", "--cache-from", CacheImage }));
    }

    [Test]
    public void Every_BuildKit_builder_but_buildx_counts_as_the_built_in_client()
    {
        Assert.That(BuildCacheClients.Of(DockerBuilder.Legacy), Is.EqualTo(BuildCacheClient.Legacy));
        Assert.That(BuildCacheClients.Of(DockerBuilder.Buildx), Is.EqualTo(BuildCacheClient.Buildx));
        Assert.That(BuildCacheClients.Of((DockerBuilder)99), Is.EqualTo(BuildCacheClient.BuiltInBuildKit));
    }

    [Test]
    public void A_cache_without_a_source_reads_none()
    {
        var arguments = Arguments(Settings, DockerBuilder.Legacy, Cache.WithoutSource());

        Assert.That(arguments, Has.None.EqualTo("--cache-from"));
    }

    [Test]
    public void No_cache_wins_over_a_cache_handed_in()
    {
        var arguments = Arguments(Settings.EnableNoCache(), DockerBuilder.Buildx, Cache);

        Assert.That(arguments, Does.Contain("--no-cache"));
        Assert.That(arguments, Has.None.EqualTo("--cache-from").And.None.EqualTo("--cache-to"));
    }

    private static List<string> Arguments(ImageBuildSettings settings, DockerBuilder builder, BuildCache cache) =>
        DockerBuildCommand.Create(DockerClient.Default, settings, builder, Names, Labels, "/tmp/iid", cache).Arguments.Select(a => a.Value).ToList();

    private static List<string> Pairs(List<string> arguments, string flag) =>
        arguments.Select((value, index) => (value, index)).Where(pair => pair.value == flag).Select(pair => arguments[pair.index + 1]).ToList();
}
