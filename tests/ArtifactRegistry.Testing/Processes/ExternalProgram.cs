using ArtifactRegistry.Testing.Isolation;

namespace ArtifactRegistry.Testing.Processes;

/// <summary>
/// Runs any other real program a test needs (skopeo, docker-credential-gcloud, kubectl) with a fixture's environment,
/// e.g. <c>ExternalProgram.RunAsync("skopeo", ["inspect", …], docker.EnvironmentVariables)</c>. The program is looked up
/// through <see cref="Prerequisites.RequireProgram(string)"/>, so a missing one fails under CI and is ignored elsewhere.
/// </summary>
/// <remarks>
/// Each call gets a fresh <see cref="PrivateHome"/>, deleted when the program ends, unless <c>environment</c> sets <c>HOME</c>:
/// pass one home's <see cref="PrivateHome.EnvironmentVariables"/> to calls that must share what a program keeps there.
/// </remarks>
public static class ExternalProgram
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static async Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        string? standardInput = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var path = Prerequisites.RequireProgram(program);
        using var home = environment?.ContainsKey("HOME") == true ? null : PrivateHome.Create();
        var variables = ChildEnvironment.Inherited
            .Set(home?.EnvironmentVariables ?? new Dictionary<string, string>())
            .Set(environment ?? new Dictionary<string, string>());
        return await ChildProcess.RunAsync(path, arguments, variables, standardInput, timeout ?? DefaultTimeout, cancellationToken);
    }
}
