using System.Diagnostics;
using ArtifactRegistry.LocalEngine;
using CliWrap;
using ArtifactRegistry.Testing.Docker;

namespace ArtifactRegistry.Sandbox.Tests.Fixtures;

public sealed class PrivateDockerdTests
{
    [Test]
    public async Task The_shared_engine_answers_the_docker_cli_on_a_short_private_socket()
    {
        var engine = await PrivateDockerd.SharedAsync();

        var version = (await engine.DockerAsync("version", "--format", "{{.Server.Version}}")).EnsureSuccess();
        var driver = (await engine.DockerAsync("info", "--format", "{{.Driver}}")).EnsureSuccess();

        TestContext.Out.WriteLine($"dockerd start-to-ready: {engine.StartupTime.TotalMilliseconds:0} ms");
        Assert.Multiple(() =>
        {
            Assert.That(version.StandardOutput.Trim(), Does.Match(@"^\d+\.\d+"));
            Assert.That(driver.StandardOutput.Trim(), Is.EqualTo("vfs"));
            Assert.That(engine.DockerHost, Does.StartWith("unix:///tmp/ard-"));
            Assert.That(System.Text.Encoding.UTF8.GetByteCount(engine.SocketPath), Is.LessThan(100));
            Assert.That(engine.EnvironmentVariables["DOCKER_HOST"], Is.EqualTo(engine.DockerHost));
        });
    }

    [Test]
    public async Task The_shared_engine_is_started_once_and_survives_a_careless_dispose()
    {
        var first = await PrivateDockerd.SharedAsync();
        await first.DisposeAsync();
        var second = await PrivateDockerd.SharedAsync();

        Assert.That(second, Is.SameAs(first));
        Assert.That(EngineProcesses.Exists(first.ProcessId), Is.True, "disposing the shared instance must not stop it");
        (await second.DockerAsync("version")).EnsureSuccess();
    }

    [Test]
    public async Task Disposing_a_dedicated_engine_stops_its_dockerd_and_containerd_and_deletes_its_folder()
    {
        var engine = await PrivateDockerd.StartAsync();
        var dockerd = engine.ProcessId;
        var containerd = EngineProcesses.ChildrenOf(dockerd);
        var directory = engine.Directory;
        Assert.That(EngineProcesses.Exists(dockerd), Is.True);
        Assert.That(containerd, Is.Not.Empty, "dockerd starts its own containerd");

        var stopwatch = Stopwatch.StartNew();
        await engine.DisposeAsync();
        TestContext.Out.WriteLine($"start-to-ready {engine.StartupTime.TotalMilliseconds:0} ms, stop and clean-up {stopwatch.ElapsedMilliseconds} ms");

        Assert.Multiple(() =>
        {
            Assert.That(EngineProcesses.Exists(dockerd), Is.False, $"dockerd PID {dockerd} still runs");
            Assert.That(containerd.Where(EngineProcesses.Exists), Is.Empty, "containerd still runs");
            Assert.That(Directory.Exists(directory), Is.False, $"{directory} was not deleted");
            Assert.That(EngineProcesses.AnyMountUnder(directory), Is.False, $"something is still mounted under {directory}");
        });
    }

    [Test]
    public async Task A_dedicated_engine_with_a_running_container_still_stops_cleanly()
    {
        var engine = await PrivateDockerd.StartAsync();
        var directory = engine.Directory;
        await BusyboxBase.EnsureAsync(engine);
        var run = (await engine.DockerAsync("run", "--detach", "--network", "none", BusyboxBase.Reference, "sleep", "300")).EnsureSuccess();
        var containerPid = int.Parse((await engine.DockerAsync("inspect", "--format", "{{.State.Pid}}", run.StandardOutput.Trim()))
            .EnsureSuccess().StandardOutput.Trim());
        Assert.That(EngineProcesses.Exists(containerPid), Is.True);

        var stopwatch = Stopwatch.StartNew();
        await engine.DisposeAsync();
        TestContext.Out.WriteLine($"stop with one running container: {stopwatch.ElapsedMilliseconds} ms");

        Assert.Multiple(() =>
        {
            Assert.That(EngineProcesses.Exists(containerPid), Is.False, "the container's process still runs");
            Assert.That(Directory.Exists(directory), Is.False);
            Assert.That(EngineProcesses.AnyMountUnder(directory), Is.False);
        });
    }

    [Test]
    public async Task When_the_test_process_dies_the_watchdog_stops_the_engine_and_deletes_its_folder()
    {
        var owner = Cli.Wrap("sleep").WithArguments("600").WithValidation(CommandResultValidation.None).ExecuteAsync();
        var engine = await PrivateDockerd.StartWatchedByAsync(owner.ProcessId);
        var dockerd = engine.ProcessId;
        var directory = engine.Directory;

        UnixSignals.Send(owner.ProcessId, UnixSignals.Kill);
        await owner;
        var deadline = Stopwatch.StartNew();
        while ((EngineProcesses.Exists(dockerd) || Directory.Exists(directory)) && deadline.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(100);
        TestContext.Out.WriteLine($"watchdog clean-up after the owner died: {deadline.ElapsedMilliseconds} ms");

        Assert.Multiple(() =>
        {
            Assert.That(EngineProcesses.Exists(dockerd), Is.False, "the watchdog did not stop dockerd");
            Assert.That(Directory.Exists(directory), Is.False, "the watchdog did not delete the folder");
        });
        await engine.DisposeAsync(); // nothing left to do, and must not throw
    }

    [Test]
    public async Task Each_client_uses_its_own_docker_config_and_leaves_a_given_one_alone()
    {
        var engine = await PrivateDockerd.SharedAsync();
        using var given = ArtifactRegistry.Testing.FileSystem.TempDirectory.Create();
        given.WriteFile("config.json", """{"psFormat": "table {{.Names}}|from-given-config"}""");

        string ownDirectory;
        using (var own = engine.CreateClient())
        using (var other = engine.CreateClient())
        using (var withGiven = engine.CreateClient(given.Path))
        {
            ownDirectory = own.ConfigDirectory;
            Assert.That(own.ConfigDirectory, Is.Not.EqualTo(other.ConfigDirectory));
            Assert.That(own.EnvironmentVariables["DOCKER_CONFIG"], Is.EqualTo(own.ConfigDirectory));
            Assert.That(own.ConfigDirectory, Does.Not.Contain(".docker"));

            var header = (await withGiven.RunAsync("ps")).EnsureSuccess().StandardOutput;
            var plainHeader = (await own.RunAsync("ps")).EnsureSuccess().StandardOutput;
            Assert.That(header, Does.Contain("from-given-config"), "docker did not read the given DOCKER_CONFIG");
            Assert.That(plainHeader, Does.Not.Contain("from-given-config"));
        }

        Assert.That(Directory.Exists(ownDirectory), Is.False, "the client's own config folder outlived it");

        var configured = engine.CreateClient().WithEnvironment("EXAMPLE", "1");
        configured.Dispose();
        Assert.That(Directory.Exists(configured.ConfigDirectory), Is.False, "a configured copy must clean up the folder it shares");
        Assert.That(File.Exists(given.Combine("config.json")), Is.True, "a config the test passed was deleted");
    }
}
