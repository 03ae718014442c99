using System.Diagnostics;
using CliWrap;
using System.Security.Cryptography;
using System.Text.Json;

namespace ArtifactRegistry.LocalEngine;

/// <summary>
/// A real Docker engine of one's own: dockerd (with its own containerd) on a unix socket in a short private folder under /tmp,
/// no iptables, no bridge, vfs storage, so it needs no systemd, no network setup and leaves the machine as it found it.
/// Stopping it stops exactly the processes it started (by PID and by their private folder), unmounts what dockerd mounted
/// and deletes the folder; a watchdog does the same if the owner process dies first.
/// </summary>
public sealed class LocalDockerd : IAsyncDisposable
{
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(20);

    private readonly CommandTask<CommandResult> _dockerd;
    private readonly string? _keptDataRoot;
    private CommandTask<CommandResult>? _watchdog;
    private int _stopped;

    private LocalDockerd(CommandTask<CommandResult> dockerd, string directory, string? keptDataRoot)
    {
        _dockerd = dockerd;
        _keptDataRoot = keptDataRoot;
        Directory = directory;
        ProcessId = dockerd.ProcessId;
    }

    /// <summary>The PID of the dockerd this instance started (and the only dockerd it will ever signal).</summary>
    public int ProcessId { get; }

    /// <summary>The private runtime folder (<c>/tmp/ard-XXXXXXXX</c>): exec root, pidfile, socket, log, and the data root unless one is kept.</summary>
    public string Directory { get; }

    /// <summary>Where images and the build cache live.</summary>
    public string DataRoot => _keptDataRoot ?? Path.Combine(Directory, "root");

    public string SocketPath => Path.Combine(Directory, "docker.sock");

    /// <summary><c>unix:///tmp/ard-XXXXXXXX/docker.sock</c>, the value for <c>DOCKER_HOST</c>.</summary>
    public string DockerHost => "unix://" + SocketPath;

    public string LogPath => Path.Combine(Directory, "dockerd.log");

    /// <summary>From process start until the engine answered <c>/_ping</c>.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <exception cref="InvalidOperationException">dockerd exited before it answered; the message has the end of its log.</exception>
    /// <exception cref="TimeoutException">dockerd did not answer in time; the message has the end of its log.</exception>
    public static async Task<LocalDockerd> StartAsync(LocalDockerdOptions options, CancellationToken cancellationToken = default)
    {
        // Unix socket paths are limited to about 100 bytes, so the folder lives directly under /tmp with a short name.
        var directory = CreateUnderTmp();

        var dataRoot = options.DataRoot is null ? Path.Combine(directory, "root") : Path.GetFullPath(options.DataRoot);
        System.IO.Directory.CreateDirectory(dataRoot);
        var configFile = Path.Combine(directory, "daemon.json");
        await File.WriteAllTextAsync(configFile, "{}", cancellationToken).ConfigureAwait(false);
        var logPath = Path.Combine(directory, "dockerd.log");

        // exec keeps the PID: the PID we hold is dockerd's own. Its output goes to a file, not a pipe to this process,
        // so the engine neither blocks on a full pipe nor dies of SIGPIPE while its owner shuts down.
        var launcher = Cli.Wrap("/bin/sh")
            .WithArguments(
            [
                "-c", "log=$1; shift; exec \"$@\" </dev/null >\"$log\" 2>&1", "dockerd-launcher", logPath,
                options.Dockerd,
                "--iptables=false", "--ip-masq=false", "--bridge=none", "--storage-driver=vfs",
                $"--data-root={dataRoot}",
                $"--exec-root={Path.Combine(directory, "exec")}",
                $"--pidfile={Path.Combine(directory, "dockerd.pid")}",
                $"--config-file={configFile}", // never /etc/docker/daemon.json of the machine
                $"-H=unix://{Path.Combine(directory, "docker.sock")}",
            ])
            .WithEnvironmentVariables(variables =>
            {
                foreach (var name in Environment.GetEnvironmentVariables().Keys.OfType<string>().Where(name => name.StartsWith("DOCKER_", StringComparison.Ordinal)))
                    variables.Set(name, null);
            })
            .WithValidation(CommandResultValidation.None);

        var stopwatch = Stopwatch.StartNew();
        CommandTask<CommandResult> dockerd;
        try
        {
            dockerd = launcher.ExecuteAsync(CancellationToken.None);
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }

        var engine = new LocalDockerd(dockerd, directory, options.DataRoot is null ? null : dataRoot);
        try
        {
            engine._watchdog = DockerdWatchdog.Start(options.OwnerProcessId, dockerd.ProcessId, directory, engine._keptDataRoot);
            await engine.WaitUntilReadyAsync(options.ReadinessTimeout, cancellationToken).ConfigureAwait(false);
            engine.StartupTime = stopwatch.Elapsed;
            engine.VerifyPidFile();
            return engine;
        }
        catch
        {
            await engine.StopAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The last lines dockerd (and its containerd) logged, for error messages.</summary>
    public string ReadLogTail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(Environment.NewLine, all.TakeLast(lines).Select(line => "  " + line));
        }
        catch (IOException exception)
        {
            return $"  (no log: {exception.Message})";
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    public override string ToString() => $"private dockerd (PID {ProcessId}) on {DockerHost}";

    /// <summary>Removes running containers, stops dockerd (SIGTERM, then SIGKILL), then whatever of its folder's processes and mounts remain.</summary>
    /// <exception cref="IOException">The runtime folder could not be deleted; the message names what still uses it.</exception>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;

        StopWatchdog();
        if (!_dockerd.Task.IsCompleted)
        {
            await RemoveRunningContainersAsync().ConfigureAwait(false);
            UnixSignals.Send(ProcessId, UnixSignals.Terminate);
            if (!await WaitForDockerdAsync(GracefulStopTimeout).ConfigureAwait(false))
            {
                UnixSignals.Send(ProcessId, UnixSignals.Kill);
                await WaitForDockerdAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
        }
        // containerd, shims and container processes (normally gone with dockerd; not after a SIGKILL).
        var leftovers = ProcessTable.ProcessesUsing(Directory).Concat(_keptDataRoot is null ? [] : ProcessTable.ProcessesUsing(_keptDataRoot)).Distinct().ToList();
        foreach (var processId in leftovers)
            UnixSignals.Send(processId, UnixSignals.Kill);
        var survivors = new List<int>();
        foreach (var processId in leftovers)
        {
            if (!await UnixSignals.WaitForExitAsync(processId, TimeSpan.FromSeconds(5)).ConfigureAwait(false))
                survivors.Add(processId);
        }

        var stuckMounts = MountTable.UnmountAllUnder(Directory).Concat(_keptDataRoot is null ? [] : MountTable.UnmountAllUnder(_keptDataRoot)).ToList();
        try
        {
            // The watchdog deletes it itself when the owner died first.
            if (System.IO.Directory.Exists(Directory))
                System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException(
                $"Stopped {this} but could not delete {Directory}: {exception.Message} " +
                $"Processes still using it: [{string.Join(", ", survivors)}]; mounts that would not unmount: [{string.Join(", ", stuckMounts)}].",
                exception);
        }
    }

    /// <summary>A fresh private (0700) <c>/tmp/ard-XXXXXXXX</c>.</summary>
    private static string CreateUnderTmp()
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var path = Path.Combine("/tmp", "ard-" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 8));
            if (System.IO.Directory.Exists(path))
                continue;
            if (OperatingSystem.IsWindows())
                throw new PlatformNotSupportedException("A private dockerd runs on Linux only.");
            System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return path;
        }
        throw new IOException("Could not create a fresh folder named /tmp/ard-* for a private dockerd.");
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_dockerd.Task.IsCompleted)
            {
                throw new InvalidOperationException(
                    $"dockerd (PID {ProcessId}) exited with code {(await _dockerd).ExitCode} before it answered on {DockerHost}. " +
                    $"Last lines of {LogPath}:{Environment.NewLine}{ReadLogTail()}");
            }

            if (await EngineSocket.TryGetAsync(SocketPath, "/_ping", cancellationToken).ConfigureAwait(false) is (200, var body) && body.Trim() == "OK")
                return;

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"dockerd (PID {ProcessId}) did not answer /_ping on {DockerHost} within {timeout.TotalSeconds:0} s. " +
                    $"Last lines of {LogPath}:{Environment.NewLine}{ReadLogTail()}");
            }
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    private void VerifyPidFile()
    {
        var recorded = File.ReadAllText(Path.Combine(Directory, "dockerd.pid")).Trim();
        if (recorded != ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"dockerd's pidfile says PID {recorded}, but the process started was PID {ProcessId}.");
    }

    private async Task<bool> WaitForDockerdAsync(TimeSpan timeout)
    {
        try
        {
            await _dockerd.Task.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    // dockerd would give each container its full stop timeout (10 s, and busybox as PID 1 ignores SIGTERM).
    private async Task RemoveRunningContainersAsync()
    {
        var listing = await EngineSocket.TryGetAsync(SocketPath, "/containers/json", CancellationToken.None).ConfigureAwait(false);
        if (listing is not (200, var json))
            return;
        var ids = JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(container => container.GetProperty("Id").GetString())
            .OfType<string>()
            .ToList();
        foreach (var id in ids)
            await EngineSocket.TrySendAsync(SocketPath, "DELETE", $"/containers/{id}?force=1", CancellationToken.None).ConfigureAwait(false);
    }

    private void StopWatchdog()
    {
        if (_watchdog is null)
            return;
        UnixSignals.Send(_watchdog.ProcessId, UnixSignals.Kill);
        _watchdog.Task.Wait(TimeSpan.FromSeconds(5));
        _watchdog = null;
    }
}
