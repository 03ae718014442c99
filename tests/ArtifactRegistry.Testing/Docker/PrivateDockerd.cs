using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Testing.Docker;

/// <summary>
/// A real Docker engine of the test's own: dockerd (with its own containerd) on a unix socket in a short private
/// folder under /tmp, no iptables, no bridge, vfs storage, so it needs no systemd, no network setup and leaves the
/// machine as it found it. Use <see cref="SharedAsync"/> in most tests (one engine per test assembly, started on first
/// use) and <see cref="StartAsync"/> when a test needs an engine to itself.
/// </summary>
public sealed class PrivateDockerd : IAsyncDisposable
{
    private static readonly TimeSpan DefaultReadinessTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(20);
    private static readonly SemaphoreSlim SharedGate = new(1, 1);
    private static Task<PrivateDockerd>? _sharedStart;

    private readonly Process _dockerd;
    private readonly TempDirectory _directory;
    private Process? _watchdog;
    private int _stopped;

    private PrivateDockerd(Process dockerd, TempDirectory directory, string dockerCliPath, bool isShared)
    {
        _dockerd = dockerd;
        _directory = directory;
        DockerCliPath = dockerCliPath;
        IsShared = isShared;
        ProcessId = dockerd.Id;
    }

    /// <summary>The PID of the dockerd this instance started (and the only dockerd it will ever signal).</summary>
    public int ProcessId { get; }

    /// <summary>The private folder (<c>/tmp/ard-XXXXXXXX</c>) holding data root, exec root, pidfile, socket and log.</summary>
    public string Directory => _directory.Path;

    public string SocketPath => Path.Combine(Directory, "docker.sock");

    /// <summary><c>unix:///tmp/ard-XXXXXXXX/docker.sock</c>, the value for <c>DOCKER_HOST</c>.</summary>
    public string DockerHost => "unix://" + SocketPath;

    public string LogPath => Path.Combine(Directory, "dockerd.log");

    /// <summary>From process start until the engine answered <c>/_ping</c>.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>True for the instance <see cref="SharedAsync"/> hands out; disposing it does nothing, <see cref="StopSharedAsync"/> stops it.</summary>
    public bool IsShared { get; }

    /// <summary>What a child process needs to talk to this engine: <c>DOCKER_HOST</c>. Pair it with a <see cref="DockerCli"/>'s config.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables => ImmutableDictionary<string, string>.Empty.Add("DOCKER_HOST", DockerHost);

    internal string DockerCliPath { get; }

    /// <summary>Starts an engine this test owns; dispose it to stop it.</summary>
    public static async Task<PrivateDockerd> StartAsync(TimeSpan? readinessTimeout = null, CancellationToken cancellationToken = default)
    {
        var programs = RequirePrograms();
        return await LaunchAsync(programs, readinessTimeout ?? DefaultReadinessTimeout, isShared: false, Environment.ProcessId, cancellationToken);
    }

    /// <summary>Lets a test play the dying test process: the watchdog stops the engine once <paramref name="ownerProcessId"/> exits.</summary>
    internal static async Task<PrivateDockerd> StartWatchedByAsync(int ownerProcessId, CancellationToken cancellationToken = default)
    {
        var programs = RequirePrograms();
        return await LaunchAsync(programs, DefaultReadinessTimeout, isShared: false, ownerProcessId, cancellationToken);
    }

    /// <summary>
    /// The engine shared by every test of the assembly, started by the first caller. Stop it once at the end with
    /// <see cref="StopSharedAsync"/> (derive a <c>[SetUpFixture]</c> from <see cref="SharedEngineLifetime"/>); if nothing
    /// does, a watchdog stops it when the test process exits.
    /// </summary>
    public static async Task<PrivateDockerd> SharedAsync(CancellationToken cancellationToken = default)
    {
        // Checked on every call, never cached: each test must fail or be ignored on its own.
        var programs = RequirePrograms();
        Task<PrivateDockerd> start;
        await SharedGate.WaitAsync(cancellationToken);
        try
        {
            start = _sharedStart ??= LaunchAsync(programs, DefaultReadinessTimeout, isShared: true, Environment.ProcessId, CancellationToken.None);
        }
        finally
        {
            SharedGate.Release();
        }
        return await start.WaitAsync(cancellationToken);
    }

    /// <summary>Stops the shared engine if one was started; safe to call more than once.</summary>
    public static async Task StopSharedAsync()
    {
        Task<PrivateDockerd>? start;
        await SharedGate.WaitAsync();
        try
        {
            start = _sharedStart;
            _sharedStart = null;
        }
        finally
        {
            SharedGate.Release();
        }

        if (start is null)
            return;
        PrivateDockerd engine;
        try
        {
            engine = await start;
        }
        catch (Exception)
        {
            return; // a start that failed already cleaned up after itself
        }
        await engine.StopAsync();
    }

    /// <summary>A docker CLI for this engine with its own temporary <c>DOCKER_CONFIG</c>, or with <paramref name="dockerConfigDirectory"/> (left alone on dispose).</summary>
    public DockerCli CreateClient(string? dockerConfigDirectory = null)
    {
        if (dockerConfigDirectory is not null)
            return new DockerCli(this, dockerConfigDirectory, null, ImmutableDictionary<string, string>.Empty);
        var config = TempDirectory.Create("ard-cfg-");
        return new DockerCli(this, config.Path, config, ImmutableDictionary<string, string>.Empty);
    }

    /// <summary>One docker command against this engine with a throwaway <c>DOCKER_CONFIG</c>.</summary>
    public Task<CommandResult> DockerAsync(params string[] arguments) => DockerAsync(arguments, standardInput: null);

    /// <inheritdoc cref="DockerAsync(string[])"/>
    public async Task<CommandResult> DockerAsync(
        IEnumerable<string> arguments,
        string? standardInput = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        return await client.RunAsync(arguments, standardInput, timeout, cancellationToken);
    }

    /// <summary>The last lines dockerd (and its containerd) logged, for assertion messages.</summary>
    public string ReadLogTail(int lines = 40) => ReadLogTail(LogPath, lines);

    /// <summary>Stops a dedicated engine. Does nothing for the shared one (other tests still use it).</summary>
    public ValueTask DisposeAsync() => IsShared ? ValueTask.CompletedTask : new ValueTask(StopAsync());

    public override string ToString() => $"private dockerd (PID {ProcessId}) on {DockerHost}";

    private static ProgramPaths RequirePrograms()
    {
        Prerequisites.RequireRoot("dockerd mounts its data root and runs containers");
        var dockerd = Prerequisites.RequireProgram("dockerd");
        Prerequisites.RequireProgram("containerd");
        Prerequisites.RequireProgram("runc");
        var docker = Prerequisites.RequireProgram("docker");
        return new ProgramPaths(dockerd, docker);
    }

    private static async Task<PrivateDockerd> LaunchAsync(
        ProgramPaths programs, TimeSpan readinessTimeout, bool isShared, int ownerProcessId, CancellationToken cancellationToken)
    {
        // Unix socket paths are limited to about 100 bytes, so the folder lives directly under /tmp with a short name.
        var directory = TempDirectory.Create("ard-", "/tmp");
        var configFile = directory.WriteFile("daemon.json", "{}");
        var logPath = directory.Combine("dockerd.log");

        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        // exec keeps the PID: the PID we hold is dockerd's own. Its output goes to a file, not a pipe to this process,
        // so the engine neither blocks on a full pipe nor dies of SIGPIPE while the test host shuts down.
        foreach (var argument in new[]
                 {
                     "-c", "log=$1; shift; exec \"$@\" </dev/null >\"$log\" 2>&1", "dockerd-launcher", logPath,
                     programs.Dockerd,
                     "--iptables=false", "--ip-masq=false", "--bridge=none", "--storage-driver=vfs",
                     $"--data-root={directory.Combine("root")}",
                     $"--exec-root={directory.Combine("exec")}",
                     $"--pidfile={directory.Combine("dockerd.pid")}",
                     $"--config-file={configFile}", // never /etc/docker/daemon.json of the machine
                     $"-H=unix://{directory.Combine("docker.sock")}",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }
        ChildEnvironment.Inherited.Scrub("DOCKER_").ApplyTo(startInfo.Environment);

        var stopwatch = Stopwatch.StartNew();
        Process dockerd;
        try
        {
            dockerd = Process.Start(startInfo) ?? throw new InvalidOperationException("Process.Start returned no process for dockerd.");
        }
        catch
        {
            directory.Dispose();
            throw;
        }

        var engine = new PrivateDockerd(dockerd, directory, programs.Docker, isShared);
        try
        {
            engine._watchdog = DockerdWatchdog.Start(ownerProcessId, dockerd.Id, directory.Path);
            await engine.WaitUntilReadyAsync(readinessTimeout, cancellationToken);
            engine.StartupTime = stopwatch.Elapsed;
            engine.VerifyPidFile();
            return engine;
        }
        catch
        {
            await engine.StopAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_dockerd.HasExited)
            {
                throw new InvalidOperationException(
                    $"dockerd (PID {ProcessId}) exited with code {_dockerd.ExitCode} before it answered on {DockerHost}. " +
                    $"Last lines of {LogPath}:{Environment.NewLine}{ReadLogTail()}");
            }

            if (await EngineSocket.TryGetAsync(SocketPath, "/_ping", cancellationToken) is (200, var body) && body.Trim() == "OK")
                return;

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"dockerd (PID {ProcessId}) did not answer /_ping on {DockerHost} within {timeout.TotalSeconds:0} s. " +
                    $"Last lines of {LogPath}:{Environment.NewLine}{ReadLogTail()}");
            }
            await Task.Delay(20, cancellationToken);
        }
    }

    private void VerifyPidFile()
    {
        var recorded = File.ReadAllText(Path.Combine(Directory, "dockerd.pid")).Trim();
        if (recorded != ProcessId.ToString())
            throw new InvalidOperationException($"dockerd's pidfile says PID {recorded}, but the process started was PID {ProcessId}.");
    }

    private async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;

        StopWatchdog();
        if (!_dockerd.HasExited)
        {
            await RemoveRunningContainersAsync();
            UnixSignals.Send(ProcessId, UnixSignals.Terminate);
            if (!await WaitForDockerdAsync(GracefulStopTimeout))
            {
                UnixSignals.Send(ProcessId, UnixSignals.Kill);
                await WaitForDockerdAsync(TimeSpan.FromSeconds(5));
            }
        }
        _dockerd.Dispose();

        // containerd, shims and container processes (normally gone with dockerd; not after a SIGKILL).
        var leftovers = ProcessTable.ProcessesUsing(Directory);
        foreach (var processId in leftovers)
            UnixSignals.Send(processId, UnixSignals.Kill);
        var survivors = new List<int>();
        foreach (var processId in leftovers)
        {
            if (!await UnixSignals.WaitForExitAsync(processId, TimeSpan.FromSeconds(5)))
                survivors.Add(processId);
        }

        var stuckMounts = MountTable.UnmountAllUnder(Directory);
        try
        {
            _directory.Dispose();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException(
                $"Stopped {this} but could not delete {Directory}: {exception.Message} " +
                $"Processes still using it: [{string.Join(", ", survivors)}]; mounts that would not unmount: [{string.Join(", ", stuckMounts)}].",
                exception);
        }
    }

    private async Task<bool> WaitForDockerdAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _dockerd.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // dockerd would give each container its full stop timeout (10 s, and busybox as PID 1 ignores SIGTERM).
    private async Task RemoveRunningContainersAsync()
    {
        var listing = await EngineSocket.TryGetAsync(SocketPath, "/containers/json", CancellationToken.None);
        if (listing is not (200, var json))
            return;
        var ids = JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(container => container.GetProperty("Id").GetString())
            .OfType<string>()
            .ToList();
        if (ids.Count > 0)
            await DockerAsync(["rm", "--force", .. ids], timeout: TimeSpan.FromSeconds(30));
    }

    private void StopWatchdog()
    {
        if (_watchdog is null)
            return;
        try
        {
            _watchdog.Kill();
            _watchdog.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _watchdog.Dispose();
        _watchdog = null;
    }

    private static string ReadLogTail(string logPath, int lines = 40)
    {
        try
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return OutputTail.Of(reader.ReadToEnd(), lines);
        }
        catch (IOException exception)
        {
            return $"  (no log: {exception.Message})";
        }
    }

    private sealed record ProgramPaths(string Dockerd, string Docker);
}
