using System.Collections.Immutable;
using ArtifactRegistry.LocalEngine;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Testing.Docker;

/// <summary>
/// A real Docker engine of the test's own (a <see cref="LocalDockerd"/>: dockerd on a unix socket in a private folder under
/// /tmp, no iptables, no bridge, vfs storage). Use <see cref="SharedAsync"/> in most tests (one engine per test assembly,
/// started on first use) and <see cref="StartAsync"/> when a test needs an engine to itself. Missing programs make a test
/// fail under CI=true and be ignored, with the reason, elsewhere.
/// </summary>
public sealed class PrivateDockerd : IAsyncDisposable
{
    private static readonly SemaphoreSlim SharedGate = new(1, 1);
    private static Task<PrivateDockerd>? _sharedStart;

    private readonly LocalDockerd _engine;

    private PrivateDockerd(LocalDockerd engine, string dockerCliPath, bool isShared)
    {
        _engine = engine;
        DockerCliPath = dockerCliPath;
        IsShared = isShared;
    }

    /// <summary>The PID of the dockerd this instance started (and the only dockerd it will ever signal).</summary>
    public int ProcessId => _engine.ProcessId;

    /// <summary>The private folder (<c>/tmp/ard-XXXXXXXX</c>) holding data root, exec root, pidfile, socket and log.</summary>
    public string Directory => _engine.Directory;

    public string SocketPath => _engine.SocketPath;

    /// <summary><c>unix:///tmp/ard-XXXXXXXX/docker.sock</c>, the value for <c>DOCKER_HOST</c>.</summary>
    public string DockerHost => _engine.DockerHost;

    public string LogPath => _engine.LogPath;

    /// <summary>From process start until the engine answered <c>/_ping</c>.</summary>
    public TimeSpan StartupTime => _engine.StartupTime;

    /// <summary>True for the instance <see cref="SharedAsync"/> hands out; disposing it does nothing, <see cref="StopSharedAsync"/> stops it.</summary>
    public bool IsShared { get; }

    /// <summary>What a child process needs to talk to this engine: <c>DOCKER_HOST</c>. Pair it with a <see cref="DockerCli"/>'s config.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables => ImmutableDictionary<string, string>.Empty.Add("DOCKER_HOST", DockerHost);

    internal string DockerCliPath { get; }

    /// <summary>Starts an engine this test owns; dispose it to stop it.</summary>
    public static async Task<PrivateDockerd> StartAsync(TimeSpan? readinessTimeout = null, CancellationToken cancellationToken = default)
    {
        var programs = RequirePrograms();
        return await LaunchAsync(programs, readinessTimeout, isShared: false, Environment.ProcessId, cancellationToken);
    }

    /// <summary>Lets a test play the dying test process: the watchdog stops the engine once <paramref name="ownerProcessId"/> exits.</summary>
    internal static async Task<PrivateDockerd> StartWatchedByAsync(int ownerProcessId, CancellationToken cancellationToken = default)
    {
        var programs = RequirePrograms();
        return await LaunchAsync(programs, null, isShared: false, ownerProcessId, cancellationToken);
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
            start = _sharedStart ??= LaunchAsync(programs, null, isShared: true, Environment.ProcessId, CancellationToken.None);
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
        await engine._engine.StopAsync();
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
    public string ReadLogTail(int lines = 40) => _engine.ReadLogTail(lines);

    /// <summary>Stops a dedicated engine. Does nothing for the shared one (other tests still use it).</summary>
    public ValueTask DisposeAsync() => IsShared ? ValueTask.CompletedTask : _engine.DisposeAsync();

    public override string ToString() => _engine.ToString();

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
        ProgramPaths programs, TimeSpan? readinessTimeout, bool isShared, int ownerProcessId, CancellationToken cancellationToken)
    {
        var options = new LocalDockerdOptions { Dockerd = programs.Dockerd, OwnerProcessId = ownerProcessId };
        if (readinessTimeout is { } timeout)
            options = options with { ReadinessTimeout = timeout };
        return new PrivateDockerd(await LocalDockerd.StartAsync(options, cancellationToken), programs.Docker, isShared);
    }

    private sealed record ProgramPaths(string Dockerd, string Docker);
}
