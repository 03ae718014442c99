using System.Text.RegularExpressions;
using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.IntegrationTests.DockerAuth;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.IntegrationTests.Publishing;

/// <summary>
/// The registry build cache with the real legacy builder: a build on a fresh engine (a second private dockerd, as on a hosted CI
/// runner) pulls the image's <c>latest</c> and reuses its layers, so its slow step is not run, nothing is uploaded and the digest
/// stays; <c>NoCache</c> pulls nothing and reads no cache; a cache image that is missing or refused never fails the build.
/// </summary>
[CancelAfter(600_000)]
public partial class BuildCacheTests
{
    // The stamp makes every run of the step produce a different layer, so an unchanged digest proves the step was not run again.
    private const string Dockerfile =
        $"FROM {BusyboxBase.Reference}\n" +
        "RUN seq 1 200000 | md5sum > /work.txt && date +%s%N > /stamp.txt\n" +
        "COPY payload.txt /payload.txt\n";

    private PublishWorld _world = null!;

    [SetUp]
    public async Task Start() => _world = await PublishWorld.StartAsync();

    [TearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [Test]
    public async Task A_fresh_engine_reads_the_pushed_latest_so_the_slow_step_is_cached_no_layer_is_uploaded_and_the_digest_stays()
    {
        await BusyboxBase.EnsureAsync(_world.Engine);
        using var source = await SourceTree.CreateAsync(Dockerfile, new Dictionary<string, string> { ["payload.txt"] = Guid.NewGuid().ToString() });
        var image = "cached-" + Guid.NewGuid().ToString("N")[..8];

        var first = await BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(source, image));

        Assert.That(_world.Log.Text, Does.Contain($"{LatestDockerName(image)} does not exist yet (the first build pushes it): building without a registry cache"),
            "the first build finds no cache image and goes on");
        Assert.That(first.LayersPushed, Is.GreaterThan(0));

        await using var fresh = await PrivateDockerd.StartAsync();
        await EngineImageCopy.CopyAsync(_world.Engine, fresh, BusyboxBase.Reference); // the base image a CI runner would pull
        var log = new ListLogger();
        var runner = new RecordingProcessRunner();
        var context = _world.Context().SetEnvironmentVariable("DOCKER_HOST", fresh.DockerHost).SetLogger(log).SetProcessRunner(runner);

        var second = await BuildAndPush.RunAsync(context, PublishWorld.Settings(source, image));

        var pulls = runner.DockerRuns("pull");
        Assert.That(pulls, Has.Count.EqualTo(1));
        Assert.That(pulls[0], Does.EndWith(LatestDockerName(image)));
        Assert.That(runner.DockerRuns("build").Single(), Does.Contain($"--cache-from {LatestDockerName(image)}"));
        Assert.That(StepOutput(log, "RUN seq"), Does.Contain(" ---> Using cache"), "docker says the slow step came from the cache");
        var summary = CacheSummary().Match(log.Text);
        Assert.That(summary.Success, Is.True, log.Text);
        Assert.That(int.Parse(summary.Groups["cached"].Value), Is.EqualTo(int.Parse(summary.Groups["steps"].Value) - 1), "every step but FROM came from the cache");
        Assert.That(second.LayersPushed, Is.Zero, "the registry had every layer");
        Assert.That(log.Text, Does.Contain("Layer already exists"));
        Assert.That(second.Digest, Is.EqualTo(first.Digest));
    }

    [Test]
    public async Task With_the_built_in_BuildKit_a_fresh_engine_reads_the_inline_cache_of_the_pushed_latest_from_the_registry_without_a_pull()
    {
        var docker = await BuildKitDockerCli.RequireAsync();
        await BusyboxBase.EnsureAsync(_world.Engine);
        using var source = await SourceTree.CreateAsync(Dockerfile, new Dictionary<string, string> { ["payload.txt"] = Guid.NewGuid().ToString() });
        var image = "inline-" + Guid.NewGuid().ToString("N")[..8];
        BuildAndPushSettings Settings() => PublishWorld.Settings(source, image)
            .SetDockerProgram(docker)
            .SetBuilder(DockerBuilder.BuildKit)
            .SetNetwork("none"); // the private engine has no bridge network for RUN steps
        await BuildAndPush.RunAsync(_world.Context(), Settings());

        await using var fresh = await PrivateDockerd.StartAsync();
        await EngineImageCopy.CopyAsync(_world.Engine, fresh, BusyboxBase.Reference);
        var log = new ListLogger();
        var runner = new RecordingProcessRunner();
        var second = await BuildAndPush.RunAsync(
            _world.Context().SetEnvironmentVariable("DOCKER_HOST", fresh.DockerHost).SetLogger(log).SetProcessRunner(runner), Settings());

        var slowStep = log.Lines.Select(line => BuildKitStep().Match(line)).First(match => match.Success).Groups["id"].Value;
        Assert.Multiple(() =>
        {
            Assert.That(runner.DockerRuns("pull"), Is.Empty, "BuildKit reads the cache from the registry itself");
            Assert.That(runner.DockerRuns("build").Single(), Does.Contain($"--cache-from {LatestDockerName(image)}").And.Contain("BUILDKIT_INLINE_CACHE=1"));
            Assert.That(log.Lines, Has.Some.EndsWith($"#{slowStep} CACHED"), "BuildKit says the slow step came from the cache:\n" + log.Text);
            Assert.That(second.LayersPushed, Is.Zero, "the registry had every layer");
        });
    }

    [Test]
    public async Task No_cache_pulls_nothing_and_reads_no_cache_even_when_latest_exists()
    {
        using var source = await SourceTree.ScratchAsync("no cache " + Guid.NewGuid());
        var image = "uncached-" + Guid.NewGuid().ToString("N")[..8];
        await BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(source, image));
        var runner = new RecordingProcessRunner();
        var log = new ListLogger();

        await BuildAndPush.RunAsync(_world.Context().SetProcessRunner(runner).SetLogger(log), PublishWorld.Settings(source, image).EnableNoCache());

        Assert.That(runner.DockerRuns("pull"), Is.Empty, "no cache image is pulled");
        var build = runner.DockerRuns("build").Single();
        Assert.That(build, Does.Contain("--no-cache").And.Not.Contain("--cache-from"));
        Assert.That(log.Text, Does.Contain("Build cache: off (NoCache)"));
    }

    [Test]
    public async Task A_cache_image_the_registry_refuses_is_a_warning_and_the_build_runs_without_it()
    {
        _world.Sandbox.CreateRepository(PublishWorld.Project, "asia", "locked", immutableTags: false);
        using var source = await SourceTree.ScratchAsync("refused " + Guid.NewGuid());
        var image = "refused-" + Guid.NewGuid().ToString("N")[..8];
        var cacheFrom = $"asia-docker.pkg.dev/{PublishWorld.Project}/locked/app:latest";

        var result = await BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(source, image).SetCacheFrom(cacheFrom));

        Assert.That(await _world.RestTagDigestAsync(image, "latest"), Is.EqualTo(result.Digest), "the build and the push went on");
        Assert.That(_world.Log.Text, Does.Contain("Warning: Build cache: the registry refused to let docker pull").And.Contain("roles/artifactregistry.reader"));
        Assert.That(_world.Runner.DockerRuns("build").Single(), Does.Not.Contain("--cache-from"));
    }

    private string LatestDockerName(string image) =>
        $"{_world.HostMap.Resolve("asia-docker.pkg.dev")}/{PublishWorld.Project}/{PublishWorld.Repository}/{image}:latest";

    /// <summary>docker's lines from the legacy builder's step whose instruction starts with <paramref name="instruction"/> to the next step.</summary>
    private static string StepOutput(ListLogger log, string instruction)
    {
        var lines = log.Lines.ToList();
        var start = lines.FindIndex(line => LegacyStep().IsMatch(line) && line.Contains(" : " + instruction, StringComparison.Ordinal));
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no step {instruction} in the log:\n{log.Text}");
        var end = lines.FindIndex(start + 1, line => LegacyStep().IsMatch(line));
        return string.Join("\n", lines[start..(end < 0 ? lines.Count : end)]);
    }

    [GeneratedRegex(@"#(?<id>\d+) \[\d+/\d+\] RUN seq 1 200000")]
    private static partial Regex BuildKitStep();

    [GeneratedRegex(@"Step \d+/\d+ : ")]
    private static partial Regex LegacyStep();

    [GeneratedRegex(@"Build cache \S+ \([^)]*\): (?<cached>\d+) of (?<steps>\d+) steps came from the cache")]
    private static partial Regex CacheSummary();
}
