using System.Collections.Immutable;
using System.Diagnostics.Contracts;
using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Docker;

/// <summary>
/// Which docker CLI to run, with which environment overrides (<c>DOCKER_HOST</c>, the variables its credential helpers read)
/// and which client configuration. Everything not overridden is inherited, so by default docker behaves as in the user's shell.
/// </summary>
internal sealed record DockerClient
{
    public static DockerClient Default { get; } = new();

    /// <summary>The docker CLI: a name looked up on PATH, or a path.</summary>
    public string Program { get; init; } = "docker";

    /// <summary>Variables set (or, with a null value, removed) for docker and the helpers it starts; those carrying tokens are redacted in logs.</summary>
    public ImmutableDictionary<string, string?> Environment { get; init; } = ImmutableDictionary<string, string?>.Empty;

    /// <summary><c>DOCKER_CONFIG</c> (the folder of <c>config.json</c>); null leaves it to <see cref="Environment"/> or the inherited value.</summary>
    public string? ConfigDirectory { get; init; }

    [Pure]
    public DockerClient WithProgram(string program)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        return this with { Program = program };
    }

    [Pure]
    public DockerClient WithHost(string? host) => WithEnvironment("DOCKER_HOST", host);

    [Pure]
    public DockerClient WithConfigDirectory(string? configDirectory) => this with { ConfigDirectory = configDirectory };

    [Pure]
    public DockerClient WithEnvironment(string name, string? value) => this with { Environment = Environment.SetItem(name, value) };

    [Pure]
    public DockerClient WithEnvironment(IEnumerable<KeyValuePair<string, string?>> variables) => this with { Environment = Environment.SetItems(variables) };

    /// <summary>The engine address docker will use, for messages: the override, else the inherited <c>DOCKER_HOST</c>, else null (docker's default).</summary>
    public string? EffectiveHost =>
        Environment.TryGetValue("DOCKER_HOST", out var overridden)
            ? string.IsNullOrEmpty(overridden) ? null : overridden
            : System.Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } inherited ? inherited : null;

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
        ArgumentNullException.ThrowIfNull(environment);
        ChildEnvironment.Apply(environment, Environment);
        // "What's next" hints after a command would be streamed into the build log as if docker had something to say.
        environment.Set("DOCKER_CLI_HINTS", "false");
        if (ConfigDirectory is not null)
            environment.Set(DockerConfigFile.DirectoryVariable, ConfigDirectory);
    }

    /// <summary>Shows the program, config and variable names, never their values (they may hold tokens).</summary>
    public override string ToString() =>
        $"{Program} (DOCKER_CONFIG={ConfigDirectory ?? "inherited"}, overrides: {(Environment.IsEmpty ? "none" : string.Join(", ", Environment.Keys.Order(StringComparer.Ordinal)))})";
}
