using System.Collections.Immutable;

namespace ArtifactRegistry.Testing.Processes;

/// <summary>
/// Runs any other real program a test needs (skopeo, docker-credential-gcloud, kubectl) with a fixture's environment,
/// e.g. <c>ExternalProgram.RunAsync("skopeo", ["inspect", …], docker.EnvironmentVariables)</c>. The program is looked up
/// through <see cref="Prerequisites.RequireProgram(string)"/>, so a missing one fails under CI and is ignored elsewhere.
/// </summary>
public static class ExternalProgram
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        string? standardInput = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        ChildProcess.RunAsync(
            Prerequisites.RequireProgram(program),
            arguments,
            ChildEnvironment.Inherited.Set(environment ?? ImmutableDictionary<string, string>.Empty),
            standardInput,
            timeout ?? DefaultTimeout,
            cancellationToken);
}
