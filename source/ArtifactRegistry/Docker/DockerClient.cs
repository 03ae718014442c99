using System.Diagnostics.Contracts;
using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Docker;

/// <summary>
/// Which docker CLI to run, against which engine, with which client configuration. Null values leave the inherited
/// environment alone, so by default docker behaves as in the user's shell.
/// </summary>
public sealed record DockerClient
{
    public static DockerClient Default { get; } = new();

    /// <summary>The docker CLI: a name looked up on PATH, or a path.</summary>
    public string Program { get; init; } = "docker";

    /// <summary><c>DOCKER_HOST</c> for the CLI, e.g. <c>unix:///tmp/d/docker.sock</c>; null inherits it.</summary>
    public string? Host { get; init; }

    /// <summary><c>DOCKER_CONFIG</c> (the folder of <c>config.json</c>); null inherits it.</summary>
    public string? ConfigDirectory { get; init; }

    [Pure]
    public DockerClient WithProgram(string program)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        return this with { Program = program };
    }

    [Pure]
    public DockerClient WithHost(string? host) => this with { Host = host };

    [Pure]
    public DockerClient WithConfigDirectory(string? configDirectory) => this with { ConfigDirectory = configDirectory };

    /// <summary>The engine address docker will use, for messages: <see cref="Host"/>, else the inherited <c>DOCKER_HOST</c>, else null (docker's default).</summary>
    public string? EffectiveHost =>
        Host ?? (System.Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } inherited ? inherited : null);

    /// <summary>A command running this docker CLI with <paramref name="arguments"/>, then <paramref name="environment"/> on top of this client's variables.</summary>
    public ProcessCommand Command(Action<ArgumentsBuilder> arguments, Action<EnvironmentBuilder>? environment = null) =>
        ProcessCommand.For(Program)
            .WithArguments(arguments)
            .WithEnvironment(variables =>
            {
                ApplyEnvironment(variables);
                environment?.Invoke(variables);
            });

    /// <summary>Sets this client's variables on top of <paramref name="environment"/>.</summary>
    public void ApplyEnvironment(EnvironmentBuilder environment)
    {
        // "What's next" hints after a command would be streamed into the build log as if docker had something to say.
        environment.Set("DOCKER_CLI_HINTS", "false");
        if (Host is not null)
            environment.Set("DOCKER_HOST", Host);
        if (ConfigDirectory is not null)
            environment.Set("DOCKER_CONFIG", ConfigDirectory);
    }
}
