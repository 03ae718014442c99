using ArtifactRegistry.LocalEngine;
using ArtifactRegistry.Testing;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Sandbox.Tests.Fixtures;

/// <summary>The engine ./build.sh Deploy starts when none answers: a kept data root carries images from one run to the next.</summary>
public sealed class LocalDockerdTests
{
    [Test]
    public async Task A_kept_data_root_outlives_the_engine_and_the_next_engine_finds_its_images()
    {
        Prerequisites.RequireRoot("dockerd mounts its data root and runs containers");
        var dockerd = Prerequisites.RequireProgram("dockerd");
        using var kept = TempDirectory.Create("ar-kept-root-");
        var options = new LocalDockerdOptions { Dockerd = dockerd, DataRoot = kept.Combine("dockerd") };
        string firstDirectory;

        await using (var first = await LocalDockerd.StartAsync(options))
        {
            firstDirectory = first.Directory;
            // An empty tar archive: two 512-byte blocks of zeros.
            var archive = kept.Combine("empty.tar");
            await File.WriteAllBytesAsync(archive, new byte[1024]);
            (await Docker(first, "import", archive, "kept/empty:1")).EnsureSuccess();
        }

        var mountedAfterStop = EngineProcesses.AnyMountUnder(kept.Path);
        await using var second = await LocalDockerd.StartAsync(options);
        var images = (await Docker(second, "images", "--format", "{{.Repository}}:{{.Tag}}")).EnsureSuccess();

        Assert.Multiple(() =>
        {
            Assert.That(images.StandardOutput.Trim(), Is.EqualTo("kept/empty:1"));
            Assert.That(Directory.Exists(firstDirectory), Is.False, "the runtime folder goes with the engine");
            Assert.That(second.Directory, Is.Not.EqualTo(firstDirectory));
            Assert.That(second.DataRoot, Is.EqualTo(kept.Combine("dockerd")));
            Assert.That(mountedAfterStop, Is.False, "the first engine left no mount in the kept root");
        });
    }

    private static Task<CommandResult> Docker(LocalDockerd engine, params string[] arguments) =>
        ExternalProgram.RunAsync("docker", arguments, new Dictionary<string, string> { ["DOCKER_HOST"] = engine.DockerHost }, timeout: TimeSpan.FromMinutes(1));
}
