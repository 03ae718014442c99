using ArtifactRegistry.Docker;
using ArtifactRegistry.Hints;
using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Tests.Docker;

/// <summary>A registry cache buildx's docker driver cannot write is refused before the build, with the command that fixes it.</summary>
public sealed class BuildxCacheExportTests
{
    private const string DockerDriver = "Name:          default\nDriver:        docker\nLast Activity: 2026-12-07 10:00:00 +0000 UTC\n\nNodes:\nName:      default\nEndpoint:  default\nStatus:    running\n";
    private const string ContainerDriver = "Name:          ci\nDriver:        docker-container\n\nNodes:\nName:      ci0\nEndpoint:  unix:///var/run/docker.sock\n";
    private const string RegistryCache = "type=registry,ref=127.0.0.1:5000/p/r/app:buildcache,mode=max";

    [Test]
    public void The_driver_is_read_from_buildx_inspect() =>
        Assert.That((BuildxCacheExport.ParseDriver(DockerDriver), BuildxCacheExport.ParseDriver(ContainerDriver)), Is.EqualTo(("docker", "docker-container")));

    [Test]
    public async Task The_docker_driver_with_a_registry_cache_is_refused_naming_the_setting_and_the_fix()
    {
        var runner = new InspectRunner(DockerDriver);

        var exception = (await Assert.ThrowsAsync<SettingsException>(() =>
            BuildxCacheExport.EnsureSupportedAsync(DockerClient.Default, runner, RegistryCache, "asia-docker.pkg.dev/p/r/app:buildcache", CancellationToken.None)))!;

        Assert.That(exception.Message, Does.Contain("docker buildx create --use --driver docker-container").And.Contain("SetCacheTo(…)")
            .And.Contain("asia-docker.pkg.dev/p/r/app:buildcache"));
        Assert.That(runner.Arguments, Is.EqualTo(new[] { "buildx", "inspect" }));
    }

    [Test]
    public async Task A_driver_that_exports_caches_is_let_through()
    {
        await Assert.DoesNotThrowAsync(() =>
            BuildxCacheExport.EnsureSupportedAsync(DockerClient.Default, new InspectRunner(ContainerDriver), RegistryCache, RegistryCache, CancellationToken.None));
    }

    [Test]
    public async Task The_inline_cache_needs_no_question()
    {
        var runner = new InspectRunner(DockerDriver);

        await Assert.DoesNotThrowAsync(() => BuildxCacheExport.EnsureSupportedAsync(DockerClient.Default, runner, "type=inline", "type=inline", CancellationToken.None));
        Assert.That(runner.Arguments, Is.Null, "buildx was not asked");
    }

    private sealed class InspectRunner(string output) : IProcessRunner
    {
        public IReadOnlyList<string>? Arguments { get; private set; }

        public Task<ProcessResult> ExecuteAsync(ProcessCommand command, CancellationToken cancellationToken = default)
        {
            Arguments = command.Arguments.Select(argument => argument.Value).ToList();
            return Task.FromResult(new ProcessResult(0, output, "", 4242, DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(1)));
        }
    }
}
