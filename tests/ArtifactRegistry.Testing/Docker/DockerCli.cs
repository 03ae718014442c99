using System.Collections.Immutable;
using System.Diagnostics.Contracts;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Testing.Docker;

/// <summary>
/// The docker CLI bound to one <see cref="PrivateDockerd"/> and one client config folder (<c>DOCKER_CONFIG</c>), so a test's
/// logins and credential helpers never touch <c>~/.docker</c> or another test. Inherited <c>DOCKER_*</c> variables are dropped.
/// </summary>
/// <remarks>
/// When <see cref="PrivateDockerd.CreateClient"/> made the config folder, disposing this client, or any copy made with
/// <c>With*</c> (they share the folder), deletes it: <c>using var docker = engine.CreateClient().WithEnvironment(…);</c>
/// cleans up. A folder the test passed in is never deleted.
/// </remarks>
public sealed class DockerCli : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    private readonly TempDirectory? _ownedConfig;
    private readonly ImmutableDictionary<string, string> _extraVariables;

    internal DockerCli(PrivateDockerd engine, string configDirectory, TempDirectory? ownedConfig, ImmutableDictionary<string, string> extraVariables)
    {
        Engine = engine;
        ConfigDirectory = configDirectory;
        _ownedConfig = ownedConfig;
        _extraVariables = extraVariables;
    }

    public PrivateDockerd Engine { get; }

    /// <summary>The <c>DOCKER_CONFIG</c> folder; <see cref="ConfigFilePath"/> appears once something writes it.</summary>
    public string ConfigDirectory { get; }

    public string ConfigFilePath => Path.Combine(ConfigDirectory, "config.json");

    /// <summary>
    /// What a child process needs to use this engine and config: <c>DOCKER_HOST</c>, <c>DOCKER_CONFIG</c>, <c>DOCKER_CLI_HINTS=false</c>
    /// and whatever <see cref="WithEnvironment(string,string)"/> added (e.g. a gcloud config for docker-credential-gcloud).
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables =>
        _extraVariables.SetItems(Engine.EnvironmentVariables).SetItem("DOCKER_CONFIG", ConfigDirectory).SetItem("DOCKER_CLI_HINTS", "false");

    /// <summary>Adds a variable for docker and the credential helpers it starts (they inherit docker's environment).</summary>
    [Pure]
    public DockerCli WithEnvironment(string name, string value) =>
        new(Engine, ConfigDirectory, _ownedConfig, _extraVariables.SetItem(name, value));

    [Pure]
    public DockerCli WithEnvironment(IEnumerable<KeyValuePair<string, string>> variables) =>
        new(Engine, ConfigDirectory, _ownedConfig, _extraVariables.SetItems(variables));

    public Task<CommandResult> RunAsync(params string[] arguments) => RunAsync(arguments, standardInput: null);

    /// <summary>Runs <c>docker ARGUMENTS</c> (each argument passed as is); secrets go in <paramref name="standardInput"/>, never in arguments.</summary>
    public Task<CommandResult> RunAsync(
        IEnumerable<string> arguments,
        string? standardInput = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        ChildProcess.RunAsync(
            Engine.DockerCliPath,
            arguments,
            ChildEnvironment.Inherited.Scrub("DOCKER_").Set(EnvironmentVariables),
            standardInput,
            timeout ?? DefaultTimeout,
            cancellationToken);

    public void Dispose() => _ownedConfig?.Dispose();
}
